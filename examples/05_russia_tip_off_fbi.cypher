// The claim "Russia tipped off the FBI": its id (for `kg audit ID`), its
// number of independent sources, and where each supporting sentence is.
MATCH (a {name: 'Russia'})-[r:tip_off]->(b {name: 'FBI'})
RETURN id(r) AS claim, sources(r) AS sources,
       [p IN provenance(r) | p.title] AS titles;
