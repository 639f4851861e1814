#!/usr/bin/env node
// Generates server/catalog/clickhouse.json from the `system` tables of a real
// ClickHouse engine (chDB, embedded ClickHouse distributed through npm).
//
//   npm run catalog                 # install chDB into .cache/chdb if needed, regenerate
//   npm run catalog -- --check      # regenerate in memory and fail if the committed file differs
//
// chDB is installed on demand with `npm install --prefix .cache/chdb chdb@<CHDB_VERSION>`.
// From chdb 3.x the native library ships inside the per-platform npm packages
// (`@chdb/lib-<platform>`, resolved through optionalDependencies), so the install only
// talks to the npm registry; nothing is downloaded from GitHub or elsewhere.
// The project's own node_modules and package.json dependencies are never touched.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Pinned chDB version (ClickHouse 26.7 inside). Bump deliberately, then re-run. */
const CHDB_VERSION = "3.4.0";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CACHE_DIR = path.join(ROOT, ".cache", "chdb");
const OUT_FILE = path.join(ROOT, "server", "catalog", "clickhouse.json");

const DESCRIPTION_MAX = 300;
const RETURNS_MAX = 160;
const ARG_DOC_MAX = 140;
const ARG_TYPES_MAX = 120;

function log(msg) {
  process.stderr.write(`[catalog] ${msg}\n`);
}

function installedChdbVersion() {
  const pkg = path.join(CACHE_DIR, "node_modules", "chdb", "package.json");
  if (!existsSync(pkg)) return undefined;
  try {
    return JSON.parse(readFileSync(pkg, "utf8")).version;
  } catch {
    return undefined;
  }
}

function ensureChdb() {
  if (installedChdbVersion() === CHDB_VERSION) return;
  if (process.platform === "win32") {
    throw new Error("chDB has no Windows build; run the catalog generator on Linux/macOS or WSL2.");
  }
  log(`installing chdb@${CHDB_VERSION} into ${path.relative(ROOT, CACHE_DIR)} (npm registry only)…`);
  mkdirSync(CACHE_DIR, { recursive: true });
  // A private package.json keeps npm from walking up to the project's package.json.
  const ownPkg = path.join(CACHE_DIR, "package.json");
  if (!existsSync(ownPkg)) {
    writeFileSync(ownPkg, JSON.stringify({ name: "chdb-cache", private: true }, null, 2) + "\n");
  }
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execFileSync(
    npm,
    ["install", "--prefix", CACHE_DIR, "--no-audit", "--no-fund", "--no-save", "--include=optional", `chdb@${CHDB_VERSION}`],
    { stdio: ["ignore", "inherit", "inherit"], cwd: CACHE_DIR },
  );
  if (installedChdbVersion() !== CHDB_VERSION) {
    throw new Error(`chdb@${CHDB_VERSION} did not install into ${CACHE_DIR}`);
  }
}

function loadChdb() {
  const req = createRequire(path.join(CACHE_DIR, "package.json"));
  return req("chdb");
}

/** Runs a query and returns its rows as objects (JSON output format). */
function rows(chdb, sql) {
  const text = chdb.query(sql, "JSON");
  return JSON.parse(text).data;
}

function hasTable(chdb, table) {
  const r = rows(chdb, `SELECT count() AS c FROM system.tables WHERE database = 'system' AND name = '${table}'`);
  return Number(r[0].c) > 0;
}

function columnsOf(chdb, table) {
  return new Set(rows(chdb, `SELECT name FROM system.columns WHERE database = 'system' AND table = '${table}'`).map((r) => r.name));
}

/** Select only the columns that exist in this ClickHouse version. */
function selectAvailable(chdb, table, wanted, extra = "") {
  const have = columnsOf(chdb, table);
  const cols = wanted.filter((c) => have.has(c));
  return rows(chdb, `SELECT ${cols.map((c) => `\`${c}\``).join(", ")} FROM system.${table} ${extra}`);
}

// ---------------------------------------------------------------------------------------------
// Text clean-up: the system tables carry Markdown from the ClickHouse docs.

/** `[`T`](/url)` → `T`, `[text](url)` → `text`, drop HTML tags, `<sup>` etc. */
function stripMarkdownLinks(s) {
  return s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<\/?(?:sup|sub|br|b|i|code|a)[^>]*>/gi, "")
    .replace(/\s*\{#[\w-]+\}/g, "");
}

/** Trim to at most `max` chars, cutting at a sentence end or a word boundary. */
function clip(s, max) {
  if (s.length <= max) return s;
  const head = s.slice(0, max);
  const sentence = Math.max(head.lastIndexOf(". "), head.lastIndexOf(".\n"));
  if (sentence > max * 0.5) return head.slice(0, sentence + 1);
  const space = head.lastIndexOf(" ");
  return (space > max * 0.5 ? head.slice(0, space) : head).replace(/[\s,;:]+$/, "") + "…";
}

/** First paragraph of a Markdown description, links stripped, at most DESCRIPTION_MAX chars. */
function firstParagraph(desc, max = DESCRIPTION_MAX) {
  if (!desc) return "";
  const text = stripMarkdownLinks(String(desc)).replace(/\r\n/g, "\n").trim();
  const paras = text.split(/\n\s*\n/);
  // Skip leading headings / admonitions / code fences; take the first prose paragraph.
  let para = "";
  for (const p of paras) {
    const t = p.trim();
    if (!t || /^(#|:::|```|\|)/.test(t)) continue;
    para = t;
    break;
  }
  if (!para) para = paras[0] ?? "";
  // Stop before a bullet list that follows some prose ("…the following logic:\n- If …").
  const lines = para.split("\n");
  const bullet = lines.findIndex((l, i) => i > 0 && /^\s*(?:[-*]|\d+\.)\s/.test(l));
  if (bullet > 0) para = lines.slice(0, bullet).join("\n");
  return clip(para.replace(/\s*\n\s*/g, " ").replace(/\s+/g, " ").trim(), max);
}

function oneLine(s, max) {
  if (!s) return "";
  return clip(stripMarkdownLinks(String(s)).replace(/\s+/g, " ").trim(), max);
}

/**
 * Normalises the `arguments` / `parameters` Markdown bullet lists to one bullet per line:
 * "- `name` — doc. Types" with links stripped and long docs clipped. Returns "" when empty.
 * Some entries put several bullets on one line ("- `x` — a. - `y` — b."), which is split here.
 */
function cleanArgList(s) {
  if (!s) return "";
  const text = stripMarkdownLinks(String(s)).replace(/\r\n/g, "\n");
  // Split before every bullet that starts a `name` item, whether at a line start or inline.
  const items = text
    .split(/(?:^|\n|\s)-\s+(?=`[^`]+`\s*[—–-])/)
    .map((x) => x.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const out = [];
  for (const item of items) {
    const m = /^`([^`]+)`\s*[—–-]\s*(.*)$/.exec(item);
    if (!m) continue; // prose before the list (rare) is dropped
    out.push(`- \`${m[1]}\` — ${clipArgDoc(m[2].trim())}`.trimEnd());
  }
  return out.join("\n");
}

/** Trailing accepted-types list of an argument doc: "… text. `T1` or `T2`". */
const TRAILING_TYPES = /((?:`[^`]+`)(?:\s*(?:or|,)\s*`[^`]+`)*)\s*$/;

/** Clip the prose of an argument doc but keep (a clipped) trailing type list intact. */
function clipArgDoc(doc) {
  const m = TRAILING_TYPES.exec(doc);
  if (m && m.index > 0 && /[.:)]\s*$/.test(doc.slice(0, m.index))) {
    const prose = doc.slice(0, m.index).trim();
    let types = m[1];
    if (types.length > ARG_TYPES_MAX) {
      const parts = types.split(/\s+or\s+/);
      types = "";
      for (const p of parts) {
        const next = types ? `${types} or ${p}` : p;
        if (next.length > ARG_TYPES_MAX) break;
        types = next;
      }
    }
    return `${clip(prose, ARG_DOC_MAX)} ${types}`;
  }
  return clip(doc, ARG_DOC_MAX);
}

function cleanSyntax(s) {
  if (!s) return "";
  return String(s)
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n");
}

function bool(v) {
  return v === 1 || v === "1" || v === true;
}

// ---------------------------------------------------------------------------------------------

function generate(chdb) {
  const version = rows(chdb, "SELECT version() AS v")[0].v;

  const fnRows = selectAvailable(
    chdb,
    "functions",
    ["name", "is_aggregate", "case_insensitive", "alias_to", "syntax", "arguments", "parameters", "returned_value", "description", "categories"],
    "WHERE NOT startsWith(name, '_') ORDER BY name",
  );
  const functions = fnRows.map((r) => {
    const f = { name: r.name };
    if (bool(r.is_aggregate)) f.aggregate = true;
    if (bool(r.case_insensitive)) f.caseInsensitive = true;
    if (r.alias_to) f.aliasTo = r.alias_to;
    const syntax = cleanSyntax(r.syntax);
    if (syntax) f.syntax = syntax;
    const args = cleanArgList(r.arguments);
    if (args) f.arguments = args;
    const params = cleanArgList(r.parameters);
    if (params) f.parameters = params;
    const returns = oneLine(r.returned_value, RETURNS_MAX);
    if (returns) f.returns = returns;
    const description = firstParagraph(r.description);
    if (description) f.description = description;
    const category = (r.categories ?? "").trim();
    if (category) f.category = category;
    return f;
  });

  const typeRows = selectAvailable(chdb, "data_type_families", ["name", "case_insensitive", "alias_to", "syntax", "description"], "ORDER BY name");
  const types = typeRows.map((r) => {
    const t = { name: r.name };
    if (bool(r.case_insensitive)) t.caseInsensitive = true;
    if (r.alias_to) t.aliasTo = r.alias_to;
    const syntax = cleanSyntax(r.syntax);
    if (syntax) t.syntax = syntax;
    const description = firstParagraph(r.description);
    if (description) t.description = description;
    return t;
  });

  const engineRows = selectAvailable(
    chdb,
    "table_engines",
    ["name", "supports_settings", "supports_skipping_indices", "supports_projections", "supports_sort_order", "supports_ttl", "supports_replication", "supports_deduplication", "syntax", "description"],
    "ORDER BY name",
  );
  const engines = engineRows.map((r) => {
    const e = { name: r.name };
    const flags = {};
    for (const k of ["settings", "skipping_indices", "projections", "sort_order", "ttl", "replication", "deduplication"]) {
      const v = r[`supports_${k}`];
      if (v !== undefined) flags[k.replace(/_(\w)/g, (_, c) => c.toUpperCase())] = bool(v);
    }
    e.supports = flags;
    const syntax = cleanSyntax(r.syntax);
    if (syntax) e.syntax = syntax;
    const description = firstParagraph(r.description);
    if (description) e.description = description;
    return e;
  });

  const combRows = selectAvailable(chdb, "aggregate_function_combinators", ["name", "is_internal", "syntax", "description"], "ORDER BY name");
  const combinators = combRows.map((r) => {
    const c = { name: r.name };
    if (bool(r.is_internal)) c.internal = true;
    const syntax = cleanSyntax(r.syntax);
    if (syntax) c.syntax = syntax;
    const description = firstParagraph(r.description);
    if (description) c.description = description;
    return c;
  });

  // Settings: `system.merge_tree_settings` for ENGINE_SETTINGS, `system.settings` for a query's SETTINGS.
  const settingsOf = (table) =>
    selectAvailable(chdb, table, ["name", "type", "default", "description", "is_obsolete", "tier"], "ORDER BY name")
      .filter((r) => !bool(r.is_obsolete) && r.tier !== "Obsolete")
      .map((r) => {
        const s = { name: r.name, type: r.type, default: String(r.default) };
        if (r.tier === "Experimental") s.experimental = true;
        const description = firstParagraph(r.description);
        if (description) s.description = description;
        return s;
      });
  const mergeTreeSettings = settingsOf("merge_tree_settings");
  const settings = settingsOf("settings");

  const keywords = hasTable(chdb, "keywords") ? rows(chdb, "SELECT keyword FROM system.keywords ORDER BY keyword").map((r) => r.keyword) : [];

  return {
    $comment: "Generated by scripts/generate-clickhouse-catalog.mjs from ClickHouse system tables (via chDB). Do not edit by hand; run `npm run catalog`.",
    clickhouseVersion: version,
    chdbVersion: CHDB_VERSION,
    functions,
    types,
    engines,
    combinators,
    keywords,
    mergeTreeSettings,
    settings,
  };
}

/** Stable, diff-friendly JSON: one array element per line. */
function serialize(catalog) {
  const lines = ["{"];
  const keys = Object.keys(catalog);
  keys.forEach((k, i) => {
    const v = catalog[k];
    const comma = i < keys.length - 1 ? "," : "";
    if (Array.isArray(v)) {
      if (v.length === 0) {
        lines.push(`  ${JSON.stringify(k)}: []${comma}`);
        return;
      }
      lines.push(`  ${JSON.stringify(k)}: [`);
      v.forEach((el, j) => lines.push(`    ${JSON.stringify(el)}${j < v.length - 1 ? "," : ""}`));
      lines.push(`  ]${comma}`);
    } else {
      lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)}${comma}`);
    }
  });
  lines.push("}");
  return lines.join("\n") + "\n";
}

function main() {
  const check = process.argv.includes("--check");
  ensureChdb();
  const chdb = loadChdb();
  const catalog = generate(chdb);
  const text = serialize(catalog);
  if (check) {
    const current = existsSync(OUT_FILE) ? readFileSync(OUT_FILE, "utf8") : "";
    if (current !== text) {
      log(`${path.relative(ROOT, OUT_FILE)} is out of date; run \`npm run catalog\``);
      process.exit(1);
    }
    log("catalog is up to date");
    return;
  }
  mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, text);
  log(
    `ClickHouse ${catalog.clickhouseVersion}: ${catalog.functions.length} functions, ${catalog.types.length} types, ` +
      `${catalog.engines.length} engines, ${catalog.combinators.length} combinators, ${catalog.keywords.length} keywords → ` +
      `${path.relative(ROOT, OUT_FILE)} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB)`,
  );
}

main();
