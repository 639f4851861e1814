import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex } from '../../server/workspace/index';
import { projectGraph } from '../../server/workspace/lineage';

const toUri = (p: string) => pathToFileURL(p).toString();

test('the project graph lists the .incl files each resource includes, nested ones too, as URIs', () => {
  const index = new WorkspaceIndex();
  index.update('/p/datasources/events.datasource', 'SCHEMA >\n    `id` String\n\nINCLUDE "../includes/kafka.incl" "TOPIC=events"\n');
  // tb substitutes INCLUDE lines textually and resolves every path, nested ones too, against the
  // directory of the file being parsed (its `basepath`), not against the .incl that names them.
  index.update('/p/includes/kafka.incl', 'KAFKA_TOPIC $TOPIC\nINCLUDE "../includes/connection/kafka_connection.incl"\n');
  index.update('/p/includes/connection/kafka_connection.incl', 'KAFKA_CONNECTION_NAME main\nINCLUDE "../includes/kafka.incl"\n');
  index.update('/p/pipes/events_endpoint.pipe', 'INCLUDE "../includes/nodes.incl"\n\nNODE last\nSQL >\n    SELECT * FROM events\n');
  index.update('/p/pipes/plain.pipe', 'NODE only\nSQL >\n    SELECT 1\n');

  const graph = projectGraph('/p', index, toUri);
  const includes = Object.fromEntries(graph.resources.map((r) => [r.name, r.includes]));
  assert.deepEqual(includes, {
    events: [toUri('/p/includes/connection/kafka_connection.incl'), toUri('/p/includes/kafka.incl')],
    // listed even while the file is missing: creating it is a change of the pipe
    events_endpoint: [toUri('/p/includes/nodes.incl')],
    plain: [],
  });
  assert.deepEqual(graph.resources.map((r) => r.name), ['events', 'events_endpoint', 'plain'], '.incl files are not resources');
});

test('the project graph does not depend on the order files were indexed in (a pipe and a datasource of one name)', () => {
  const graphOf = (paths: string[]) => {
    const index = new WorkspaceIndex();
    for (const p of paths) index.update(p, p.endsWith('.pipe') ? 'NODE n\nSQL >\n    SELECT 1\n' : 'SCHEMA >\n    `id` String\n');
    return projectGraph('/p', index, toUri);
  };
  const files = ['/p/datasources/same.datasource', '/p/pipes/same.pipe'];
  assert.deepEqual(graphOf([...files].reverse()), graphOf(files));
});
