// All claims of one article, found by its file name (or by its url: the
// seeds have none, but `MATCH (d:Document {url: 'https://...'})` is one
// lookup in the document index, the url compared as documents are
// identified; so is `{source_path: '...'}` with the path as ingested).
// MENTIONED_IN links each entity to the documents that mention it, so the
// match starts at the one article; documents(r) lists the Document nodes
// supporting claim r. A claim between two entities of the article is met
// from both: WITH DISTINCT keeps it once.
MATCH (d:Document)<-[:MENTIONED_IN]-()-[r]->()
WHERE d.source_path ENDS WITH '001_0f5aecaebdf93cf4.txt' AND d IN documents(r)
WITH DISTINCT r
RETURN startNode(r).name AS subject, type(r) AS relation, endNode(r).name AS object
ORDER BY subject, relation, object;
