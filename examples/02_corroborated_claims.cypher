// Claims that several outlets corroborate: two or more independent documents.
MATCH (a)-[r]->(b)
WHERE sources(r) >= 2
RETURN a.name AS subject, type(r) AS relation, b.name AS object, sources(r) AS sources
ORDER BY sources DESC, subject, relation, object
LIMIT 25;
