// Claims from articles published after a date (`published` is a date where
// the input gives one: examples/seeds.jsonl dates one seed from its text).
MATCH (a)-[r]->(b)
UNWIND documents(r) AS d
WITH a, r, b, d
WHERE d.published > date('2017-01-01')
RETURN d.published AS published, d.publisher AS publisher, a.name AS subject, type(r) AS relation,
       b.name AS object
ORDER BY published, subject, relation, object;
