// The entities two articles share: those with a MENTIONED_IN link to both.
MATCH (d1:Document)<-[:MENTIONED_IN]-(e:Entity)-[:MENTIONED_IN]->(d2:Document)
WHERE d1.source_path ENDS WITH '000_63cd26496f3a4c4e.txt'
  AND d2.source_path ENDS WITH '001_0f5aecaebdf93cf4.txt'
RETURN e.name AS entity, e.type AS type
ORDER BY entity;
