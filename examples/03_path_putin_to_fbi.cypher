// A shortest chain of claims from Vladimir Putin to the FBI, in either direction.
// (The extractor names the FBI by its full name; either is accepted here.)
MATCH (a {name: 'Vladimir Putin'}), (b)
WHERE b.name IN ['FBI', 'Federal Bureau of Investigation']
MATCH p = shortestPath((a)-[*..6]-(b))
RETURN [n IN nodes(p) | n.name] AS chain, [r IN relationships(p) | type(r)] AS relations, length(p) AS hops;
