// Loads a `kg export --format csv` folder into a fresh Kùzu database by
// running the folder's own kuzu_schema.cypher, then prints the node and edge
// counts Kùzu sees as one JSON line: {"nodes": N, "edges": M}.
// usage: node kuzu_roundtrip.js CSVDIR DBDIR   (kuzu from NODE_PATH)
"use strict";
const fs = require("fs"), path = require("path");
const kuzu = require("kuzu");

(async () => {
  const [csvdir, dbdir] = process.argv.slice(2);
  if (!csvdir || !dbdir) { console.error("usage: kuzu_roundtrip.js CSVDIR DBDIR"); process.exit(2); }
  fs.mkdirSync(dbdir, { recursive: true });
  const db = new kuzu.Database(path.join(dbdir, "graph.kuzu"));
  const conn = new kuzu.Connection(db);
  const script = fs.readFileSync(path.join(csvdir, "kuzu_schema.cypher"), "utf8")
    .split("\n").filter((l) => !l.trim().startsWith("//")).join("\n");
  for (let stmt of script.split(";")) {
    stmt = stmt.trim();
    if (!stmt) continue;
    stmt = stmt.replace(/'([a-z_]+\.csv)'/g, (_, f) => `'${path.join(path.resolve(csvdir), f)}'`);
    const res = await conn.query(stmt);
    res.close();
  }
  const count = async (q) => {
    const res = await conn.query(q);
    const rows = await res.getAll();
    res.close();
    return Number(Object.values(rows[0])[0]);
  };
  const nodes = await count("MATCH (n:Node) RETURN count(n)");
  const edges = await count("MATCH ()-[r:Claim]->() RETURN count(r)");
  console.log(JSON.stringify({ nodes, edges }));
})().catch((e) => { console.error(String(e && e.message || e)); process.exit(1); });
