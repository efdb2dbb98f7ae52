// Everything Putin or Obama is directly connected to: the claims to draw.
// Used by `kg export --query` (see README.md) to picture the neighbourhood.
MATCH p = (a:Entity)-[r]-(b)
WHERE a.name IN ['Vladimir Putin', 'Barack Obama']
RETURN p;
