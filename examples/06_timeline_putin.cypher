// Vladimir Putin's timeline: every claim he takes part in, by the
// publication date of the document that states it, then document, then
// sentence; the order `kg timeline 'Vladimir Putin'` prints (documents with
// no date come last). A claim named only inside an argument ("-mentions->")
// is left to `kg timeline`, which shows the claim around it.
MATCH (e {name: 'Vladimir Putin'})-[r]-(o)
WHERE type(r) <> 'mentions'
UNWIND provenance(r) AS p
RETURN p.published AS published, p.document AS document, p.sentence_index AS sentence,
       startNode(r).name AS subject, type(r) AS relation, endNode(r).name AS object,
       sources(r) AS sources
ORDER BY published IS NULL, published, document, sentence, id(r)
