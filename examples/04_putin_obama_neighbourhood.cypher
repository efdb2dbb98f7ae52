// Everything Putin or Obama is directly connected to: the claims to draw.
// `kg export --query` draws the relationships returned (column r) with their
// two ends (see README.md); here they are listed.
MATCH (a:Entity)-[r]-(b)
WHERE a.name IN ['Vladimir Putin', 'Barack Obama']
RETURN a.name AS entity, type(r) AS relation, b.name AS other, sources(r) AS sources, r
ORDER BY sources DESC, entity, relation, other;
