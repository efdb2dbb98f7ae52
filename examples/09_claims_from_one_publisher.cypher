// Claims from one publisher's articles, with each article's title.
MATCH (d:Document {publisher: 'RFE/RL'})<-[:MENTIONED_IN]-()-[r]->()
WHERE d IN documents(r)
WITH DISTINCT d, r
RETURN d.title AS article, startNode(r).name AS subject, type(r) AS relation,
       endNode(r).name AS object
ORDER BY article, subject, relation, object;
