// Who spoke with whom, and how many articles say so.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN ['speak_with', 'talk_with', 'call', 'phone', 'meet', 'confer_with', 'discuss_with', 'speak_to', 'talk_to']
RETURN a.name AS who, type(r) AS how, b.name AS with_whom, sources(r) AS sources
ORDER BY sources DESC, who, with_whom;
