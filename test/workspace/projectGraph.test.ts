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
