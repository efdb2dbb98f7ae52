// A shortest chain of claims from Vladimir Putin to the FBI, in either direction.
MATCH p = shortestPath((a {name: 'Vladimir Putin'})-[*..6]-(b {name: 'FBI'}))
RETURN [n IN nodes(p) | n.name] AS chain, [r IN relationships(p) | type(r)] AS relations, length(p) AS hops;
