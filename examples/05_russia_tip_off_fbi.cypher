// The claim "Russia tipped off the FBI": its id (for `kg audit ID`), its
// number of independent sources, and the sentences that support it.
MATCH (a {name: 'Russia'})-[r:tip_off]->(b)
WHERE b.name IN ['FBI', 'Federal Bureau of Investigation']
RETURN id(r) AS claim, sources(r) AS sources, [p IN provenance(r) | p.sentence] AS sentences;
