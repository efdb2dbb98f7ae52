// Issue 13 §2: documents in the query language (Document nodes, MENTIONED_IN,
// documents(r)), the publisher in provenance(r), time and place arguments
// stored, queried and exported, claim ids across a retract and re-ingest,
// and the HTML audit report's links from claims to sentences, rendered by a
// real browser (Debian's chromium, headless).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "tests/ux/ux_util.h"

namespace kg::ux_test {
namespace {

using nlohmann::json;

// The seeds with the metadata their text shows (examples/seeds.jsonl), once
// per process.
const std::string& SeedsMetaDb() {
  static TempDir dir;
  static std::string db;
  if (db.empty()) {
    db = dir.path() + "/seeds-meta.db";
    RunResult r = Sh(Kg() + " --db " + Quote(db) + " ingest " +
                     Quote(::kg::testing::SourceDir() + "/examples/seeds.jsonl"));
    if (r.code != 0) ADD_FAILURE() << "kg ingest examples/seeds.jsonl failed: " << r.err;
  }
  return db;
}

json Query(const std::string& db, const std::string& cypher, int want_code = 0) {
  RunResult r = Sh(Kg() + " --db " + Quote(db) + " query --format json " + Quote(cypher));
  EXPECT_EQ(r.code, want_code) << cypher << "\n" << r.err;
  if (r.code != 0) return json::array();
  json j = json::parse(r.out, nullptr, false);
  EXPECT_TRUE(j.is_array()) << r.out;
  return j;
}

std::string QueryError(const std::string& db, const std::string& cypher) {
  RunResult r = Sh(Kg() + " --db " + Quote(db) + " query " + Quote(cypher));
  EXPECT_NE(r.code, 0) << cypher << " should fail:\n" << r.out;
  return r.err;
}

TEST(Documents, EveryStoredDocumentIsANode) {
  const std::string& db = SeedsMetaDb();
  json docs = Query(db,
                    "MATCH (d:Document) RETURN d.id AS id, d.title AS title, d.publisher AS publisher, "
                    "d.published AS published, d.source_path AS path, labels(d) AS labels ORDER BY path");
  ASSERT_EQ(docs.size(), 5u) << docs.dump();
  // The file each was read from (the seeds' own, not the .jsonl).
  EXPECT_EQ(docs[0]["path"], ::kg::testing::SeedsDir() + "/000_63cd26496f3a4c4e.txt");
  EXPECT_EQ(docs[1]["publisher"], "RFE/RL");
  EXPECT_EQ(docs[1]["title"], "Putin, Obama Discuss Security");
  EXPECT_EQ(docs[3]["publisher"], "Xinhua");
  EXPECT_EQ(docs[3]["published"], "2017-02-16");
  EXPECT_TRUE(docs[2]["title"].is_null()) << "no title is invented for a seed that shows none";
  EXPECT_EQ(docs[0]["labels"], json::array({"Document"}));
  // The same files as `kg ingest seeds/` reads (their ids may differ: a
  // title given drops its words from the text's key, extract::DocumentId).
  json plain = Query(SeedsDb(), "MATCH (d:Document) RETURN d.source_path AS p ORDER BY p");
  json meta = Query(db, "MATCH (d:Document) RETURN d.source_path AS p ORDER BY p");
  EXPECT_EQ(plain, meta);

  // Lookups by id, file and publisher; `published` is a date value.
  std::string id = docs[1]["id"];
  EXPECT_EQ(Query(db, "MATCH (d:Document {id: '" + id + "'}) RETURN d.title AS t")[0]["t"],
            "Putin, Obama Discuss Security");
  std::string path = docs[1]["path"];
  EXPECT_EQ(Query(db, "MATCH (d:Document {source_path: '" + path + "'}) RETURN d.id AS id").size(), 1u);
  EXPECT_TRUE(Query(db, "MATCH (d:Document {id: 'ffffffffffffffffffff'}) RETURN d").empty());
  EXPECT_EQ(Query(db, "MATCH (d:Document) WHERE d.published > date('2017-01-01') RETURN "
                      "d.published.year AS y")[0]["y"],
            2017);
}

TEST(Documents, CountsAndStoredGraphAreUntouched) {
  const std::string& db = SeedsMetaDb();
  // Document nodes and MENTIONED_IN are not stored: an all-nodes scan, the
  // relationship types and `kg check` see what they saw before.
  json n = Query(db, "MATCH (n) RETURN count(n) AS n");
  RunResult stats = Sh(Kg() + " --db " + Quote(db) + " stats --format json");
  ASSERT_EQ(stats.code, 0) << stats.err;
  json s = json::parse(stats.out, nullptr, false);
  ASSERT_TRUE(s.is_object()) << stats.out;
  EXPECT_EQ(n[0]["n"], s["nodes"]) << stats.out;
  EXPECT_EQ(Query(db, "MATCH (n:Document) RETURN count(n) AS n")[0]["n"], 5);
  EXPECT_TRUE(Query(db, "MATCH ()-[r:MENTIONED_IN]->() WHERE NOT startNode(r):Entity AND "
                        "NOT startNode(r):Value RETURN r")
                  .empty());
  EXPECT_TRUE(Query(db, "MATCH (a {name: 'Vladimir Putin'})-[r]->(b) WHERE type(r) = 'MENTIONED_IN' "
                        "RETURN r")
                  .empty())
      << "an untyped pattern matches stored claims only";
  RunResult check = Sh(Kg() + " --db " + Quote(db) + " check");
  EXPECT_EQ(check.code, 0) << check.out << check.err;
  // Counts read from the degree counts are not asked for MENTIONED_IN.
  json by_count = Query(db, "MATCH (d:Document)<-[:MENTIONED_IN]-() RETURN count(*) AS n");
  json by_rows = Query(db, "MATCH (d:Document)<-[m:MENTIONED_IN]-(e) RETURN count(m) AS n");
  EXPECT_EQ(by_count, by_rows);
  EXPECT_GT(by_rows[0]["n"].get<int64_t>(), 50);
  RunResult plan = Sh(Kg() + " --db " + Quote(db) + " query " +
                      Quote("EXPLAIN MATCH (d:Document {id: 'x'})<-[:MENTIONED_IN]-(e) RETURN count(*)"));
  EXPECT_EQ(plan.code, 0) << plan.err;
  EXPECT_NE(plan.out.find("DocumentById(d) one lookup of its content id"), std::string::npos)
      << plan.out;
  EXPECT_EQ(plan.out.find("Degree"), std::string::npos) << plan.out;
}

TEST(Documents, EntitiesLinkToTheDocumentsMentioningThem) {
  const std::string& db = SeedsMetaDb();
  json out = Query(db, "MATCH (e)-[:MENTIONED_IN]->(d:Document) RETURN count(*) AS n");
  json in = Query(db, "MATCH (d:Document)<-[:MENTIONED_IN]-(e) RETURN count(*) AS n");
  EXPECT_EQ(out, in);
  json putin = Query(db, "MATCH (e:Entity {name: 'Vladimir Putin'})-[m:MENTIONED_IN]->(d) "
                         "RETURN d.source_path AS path, id(m) AS id ORDER BY path");
  EXPECT_EQ(putin.size(), 5u) << putin.dump();
  // Each relationship reads back by id from either end.
  for (const auto& row : putin) {
    json back = Query(db, "MATCH (d:Document)<-[m:MENTIONED_IN]-(e) WHERE id(m) = " +
                              std::to_string(row["id"].get<int64_t>()) + " RETURN e.name AS e, d.source_path AS p");
    ASSERT_EQ(back.size(), 1u) << row.dump();
    EXPECT_EQ(back[0]["e"], "Vladimir Putin");
    EXPECT_EQ(back[0]["p"], row["path"]);
  }
  // mentions(n) agrees: the documents with a mention of Putin.
  json docs = Query(db, "MATCH (e:Entity {name: 'Vladimir Putin'}) UNWIND mentions(e) AS m "
                        "RETURN count(DISTINCT m.document) AS n");
  EXPECT_EQ(docs[0]["n"], 5);
}

TEST(Documents, AClaimsDocumentsAreOneFunctionAway) {
  const std::string& db = SeedsMetaDb();
  json tip = Query(db, "MATCH ({name: 'Russia'})-[r:tip_off]->({name: 'Federal Bureau of Investigation'}) "
                       "UNWIND documents(r) AS d RETURN d.source_path AS path ORDER BY path");
  ASSERT_EQ(tip.size(), 2u) << tip.dump();
  EXPECT_EQ(tip[0]["path"], ::kg::testing::SeedsDir() + "/000_63cd26496f3a4c4e.txt");
  EXPECT_EQ(tip[1]["path"], ::kg::testing::SeedsDir() + "/001_0f5aecaebdf93cf4.txt");
  // documents(r) holds the distinct documents of provenance(r), for every claim.
  json bad = Query(db, "MATCH ()-[r]->() WITH r, [p IN provenance(r) | p.document] AS ids "
                       "UNWIND ids AS id WITH r, count(DISTINCT id) AS n "
                       "WHERE n <> size(documents(r)) RETURN id(r) AS r");
  EXPECT_TRUE(bad.empty()) << bad.dump();
  json in_where = Query(db, "MATCH (d:Document {publisher: 'RFE/RL'}) MATCH (a)-[r]->(b) WHERE d IN documents(r) "
                            "RETURN count(r) AS n");
  EXPECT_GT(in_where[0]["n"].get<int64_t>(), 10);
  // A claim made by CREATE has no document.
  TempDir tmp;
  std::string fresh = tmp.path() + "/db";
  ASSERT_EQ(Sh(Kg() + " --db " + Quote(fresh) + " ingest " +
               Quote(::kg::testing::SeedsDir() + "/003_49e40aad576272d5.txt"))
                .code,
            0);
  json made = Query(fresh, "CREATE (a {name: 'x'})-[r:R]->(b {name: 'y'}) RETURN size(documents(r)) AS n");
  EXPECT_EQ(made[0]["n"], 0);
}

TEST(Documents, DocumentsAreReadOnly) {
  TempDir tmp;
  std::string db = tmp.path() + "/db";
  RunResult ingest = Sh(Kg() + " --db " + Quote(db) + " ingest " +
                        Quote(::kg::testing::SeedsDir() + "/002_a52160434a679462.txt"));
  ASSERT_EQ(ingest.code, 0) << ingest.err;
  EXPECT_NE(QueryError(db, "MATCH (d:Document) SET d.title = 'x'").find("NotSupported"), std::string::npos);
  std::string del = QueryError(db, "MATCH (d:Document) DETACH DELETE d");
  EXPECT_NE(del.find("kg retract"), std::string::npos) << del;
  EXPECT_NE(QueryError(db, "MATCH ()-[m:MENTIONED_IN]->() DELETE m").find("NotSupported"), std::string::npos);
  EXPECT_NE(QueryError(db, "MATCH (a:Entity), (d:Document) CREATE (a)-[:CITES]->(d)").find("NotSupported"),
            std::string::npos);
  EXPECT_NE(QueryError(db, "MATCH (a:Entity) WITH a LIMIT 1 CREATE (a)-[:MENTIONED_IN]->(:Thing)")
                .find("NotSupported"),
            std::string::npos);
  EXPECT_EQ(Query(db, "MATCH (d:Document) RETURN count(d) AS n")[0]["n"], 1);
  RunResult check = Sh(Kg() + " --db " + Quote(db) + " check");
  EXPECT_EQ(check.code, 0) << check.out << check.err;
}

// A dated, published article with a url (JSON Lines), in a fresh database.
std::string UrlArticleDb(const TempDir& tmp) {
  std::string jsonl =
      json{{"url", "https://example.org/news/putin-obama"},
           {"title", "Putin calls Obama"},
           {"publisher", "Example Wire"},
           {"published", "2013-04-20"},
           {"text", "Russian President Vladimir Putin called U.S. President Barack Obama on Saturday "
                    "morning to convey his condolences.\n\nPutin met Obama in Moscow in June.\n"}}
          .dump() +
      "\n";
  WriteFile(tmp.path() + "/a.jsonl", jsonl);
  std::string db = tmp.path() + "/db";
  RunResult r = Sh(Kg() + " --db " + Quote(db) + " ingest " + Quote(tmp.path() + "/a.jsonl"));
  EXPECT_EQ(r.code, 0) << r.err;
  return db;
}

TEST(Documents, LookUpByUrlAndPublisherInProvenance) {
  TempDir tmp;
  std::string db = UrlArticleDb(tmp);
  json d = Query(db, "MATCH (d:Document {url: 'https://example.org/news/putin-obama'}) "
                     "RETURN d.publisher AS publisher, d.published AS published, d.title AS title");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0]["publisher"], "Example Wire");
  EXPECT_EQ(d[0]["published"], "2013-04-20");
  json p = Query(db, "MATCH (a {name: 'Vladimir Putin'})-[r:call]->(b) UNWIND provenance(r) AS p "
                     "RETURN p.publisher AS publisher, p.url AS url, p.published AS published");
  ASSERT_EQ(p.size(), 1u) << p.dump();
  EXPECT_EQ(p[0]["publisher"], "Example Wire");
  EXPECT_EQ(p[0]["url"], "https://example.org/news/putin-obama");
  json m = Query(db, "MATCH (a:Entity {name: 'Vladimir Putin'}) UNWIND mentions(a) AS m "
                     "RETURN DISTINCT m.publisher AS publisher");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["publisher"], "Example Wire");
  // The seeds: provenance(r) gives the publisher where the metadata has one.
  json seeds = Query(SeedsMetaDb(),
                     "MATCH (d:Document {publisher: 'RFE/RL'}) MATCH ()-[r]->() WHERE d IN documents(r) "
                     "UNWIND provenance(r) AS p WITH p WHERE p.document = d.id "
                     "RETURN DISTINCT p.publisher AS publisher");
  ASSERT_EQ(seeds.size(), 1u) << seeds.dump();
  EXPECT_EQ(seeds[0]["publisher"], "RFE/RL");
}

// (d:Document {url: ...}) and {source_path: ...} are lookups in the
// document index, not scans, with the url normalised as documents are
// identified; on the news sample every article is found by a variant of its
// url, and by its file:line.
TEST(Documents, UrlAndSourcePathAreIndexLookups) {
  std::string news = KG_SHARED_DATA_OR_SKIP("news-sample/wikinews_gum_news.jsonl");
  TempDir tmp;
  std::string db = tmp.path() + "/news.db";
  RunResult in = Sh(Kg() + " --db " + Quote(db) + " ingest " + Quote(news));
  ASSERT_EQ(in.code, 0) << in.err;
  json all = Query(db, "MATCH (d:Document) RETURN d.id AS id, d.url AS url, d.source_path AS path ORDER BY id");
  ASSERT_EQ(all.size(), 24u);
  for (const json& d : all) {
    std::string url = d["url"].get<std::string>();
    ASSERT_EQ(url.rfind("https://en.wikinews.org/", 0), 0u) << url;
    // Scheme, www., trailing slash and fragment aside: the same document.
    std::string variant = "http://www." + url.substr(8) + "/#top";
    RunResult r = Sh(Kg() + " --db " + Quote(db) + " query --format json --param " +
                     Quote("u=" + json(variant).dump()) + " " + Quote("MATCH (d:Document {url: $u}) RETURN d.id AS id"));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(json::parse(r.out), json::array({{{"id", d["id"]}}})) << variant;
    json by_path = Query(db, "MATCH (d:Document {source_path: " + json(d["path"]).dump() + "}) RETURN d.id AS id");
    EXPECT_EQ(by_path, json::array({{{"id", d["id"]}}})) << d["path"];
  }
  // Another url, or a path that is not whole, finds nothing.
  EXPECT_TRUE(Query(db, "MATCH (d:Document {url: 'https://en.wikinews.org/wiki/'}) RETURN d").empty());
  EXPECT_TRUE(Query(db, "MATCH (d:Document {source_path: 'wikinews_gum_news.jsonl:1'}) RETURN d").empty());
  // The plan says so; no document scan.
  for (auto [pattern, access] : {std::pair<std::string, std::string>{"{url: 'x'}", "DocumentByUrl(d) via the document index"},
                                 {"{source_path: 'x'}", "DocumentBySourcePath(d) via the document index"}}) {
    RunResult plan = Sh(Kg() + " --db " + Quote(db) + " query " +
                        Quote("EXPLAIN MATCH (d:Document " + pattern + ")<-[:MENTIONED_IN]-(e) RETURN e.name"));
    EXPECT_EQ(plan.code, 0) << plan.err;
    EXPECT_NE(plan.out.find(access), std::string::npos) << plan.out;
    EXPECT_EQ(plan.out.find("via the stored documents"), std::string::npos) << plan.out;
  }
  RunResult check = Sh(Kg() + " --db " + Quote(db) + " check");
  EXPECT_EQ(check.code, 0) << check.out << check.err;
}

TEST(Documents, TimeAndPlaceAreStoredQueriedAndExported) {
  // "Russian President Vladimir Putin called U.S. President Barack Obama on
  // Saturday morning ..." (seeds/002).
  json p = Query(SeedsDb(), "MATCH ({name: 'Vladimir Putin'})-[r:call]->({name: 'Barack Obama'}) "
                            "UNWIND provenance(r) AS p WITH p WHERE p.time IS NOT NULL "
                            "RETURN p.time AS time, p.sentence AS sentence");
  ASSERT_EQ(p.size(), 1u) << p.dump();
  EXPECT_EQ(p[0]["time"], "on Saturday morning");
  EXPECT_NE(p[0]["sentence"].get<std::string>().find("on Saturday morning"), std::string::npos);
  json place = Query(SeedsDb(), "MATCH ({name: 'Russia'})-[r:host]->() UNWIND provenance(r) AS p "
                                "WITH p WHERE p.place IS NOT NULL RETURN p.place AS place");
  ASSERT_FALSE(place.empty());
  EXPECT_EQ(place[0]["place"], "in Sochi");

  TempDir tmp;
  // JSON: every provenance record lists its arguments.
  RunResult j = Sh(KgSeeds() + " export --format json -o " + Quote(tmp.path() + "/g.json"));
  ASSERT_EQ(j.code, 0) << j.err;
  json g = json::parse(ReadFile(tmp.path() + "/g.json"), nullptr, false);
  ASSERT_TRUE(g.is_object());
  bool found = false;
  for (const auto& e : g["edges"])
    for (const auto& r : e["provenance"])
      for (const auto& a : r["arguments"])
        found = found || (a["role"] == "time" && a["text"] == "on Saturday morning" && e["type"] == "call");
  EXPECT_TRUE(found) << "no time argument in the JSON export";
  // CSV: time and place columns.
  RunResult c = Sh(KgSeeds() + " export --format csv -o " + Quote(tmp.path() + "/csv"));
  ASSERT_EQ(c.code, 0) << c.err;
  std::string edges = ReadFile(tmp.path() + "/csv/edges.csv");
  EXPECT_NE(edges.substr(0, edges.find('\n')).find(",relation_surface,time,place"), std::string::npos);
  EXPECT_NE(edges.find(",on Saturday morning,"), std::string::npos);
  EXPECT_NE(edges.find(",in Sochi"), std::string::npos);
  EXPECT_NE(ReadFile(tmp.path() + "/csv/kuzu_schema.cypher").find("time STRING, place STRING"), std::string::npos);
  // GraphML: time and place keys.
  RunResult x = Sh(KgSeeds() + " export --format graphml -o " + Quote(tmp.path() + "/g.graphml"));
  ASSERT_EQ(x.code, 0) << x.err;
  std::string graphml = ReadFile(tmp.path() + "/g.graphml");
  EXPECT_NE(graphml.find("<data key=\"time\">on Saturday morning</data>"), std::string::npos);
  EXPECT_NE(graphml.find("<data key=\"place\">in Sochi</data>"), std::string::npos);
}

// Claim ids are the edges' ids, kept in the store: retracting one document
// and ingesting it again leaves every claim that another document supports
// with its id, and every document with its node id.
TEST(Documents, ClaimIdsStayAcrossRetractAndReingest) {
  TempDir tmp;
  std::string db = tmp.path() + "/db";
  std::string kg = Kg() + " --db " + Quote(db);
  ASSERT_EQ(Sh(kg + " ingest " + Quote(::kg::testing::SeedsDir())).code, 0);
  const std::string kClaims =
      "MATCH (a)-[r]->(b) RETURN id(r) AS id, a.name + ' -' + type(r) + '-> ' + b.name AS claim, "
      "[d IN documents(r) | d.source_path] AS docs";
  const std::string kRetracted = ::kg::testing::SeedsDir() + "/002_a52160434a679462.txt";
  std::map<std::string, int64_t> before;
  std::map<std::string, int64_t> others;  // claims another document supports
  for (const auto& row : Query(db, kClaims)) {
    before[row["claim"]] = row["id"];
    for (const auto& d : row["docs"])
      if (d.get<std::string>().find("002_") == std::string::npos) others[row["claim"]] = row["id"];
  }
  json doc_ids = Query(db, "MATCH (d:Document) RETURN id(d) AS id, d.id AS doc ORDER BY doc");
  ASSERT_GT(others.size(), 50u);
  ASSERT_LT(others.size(), before.size()) << "seeds/002 supports claims of its own";
  RunResult r = Sh(kg + " retract " + Quote(kRetracted));  // by its file
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Query(db, "MATCH (d:Document) RETURN count(d) AS n")[0]["n"], 4);
  // Between the two, the other documents' claims are all there, same ids.
  std::map<std::string, int64_t> middle;
  for (const auto& row : Query(db, kClaims)) middle[row["claim"]] = row["id"];
  for (const auto& [claim, id] : others) EXPECT_EQ(middle[claim], id) << claim << " after the retract";
  r = Sh(kg + " ingest " + Quote(kRetracted));
  ASSERT_EQ(r.code, 0) << r.err;
  std::map<std::string, int64_t> after;
  for (const auto& row : Query(db, kClaims)) after[row["claim"]] = row["id"];
  EXPECT_EQ(after.size(), before.size());
  for (const auto& [claim, id] : others) EXPECT_EQ(after[claim], id) << claim << " after the re-ingest";
  EXPECT_EQ(Query(db, "MATCH (d:Document) RETURN id(d) AS id, d.id AS doc ORDER BY doc"), doc_ids);
  RunResult check = Sh(kg + " check");
  EXPECT_EQ(check.code, 0) << check.out << check.err;
}

// ---- The HTML audit report in a browser --------------------------------------

// Width and height of a PNG (its IHDR chunk); false when it is not a PNG.
bool PngSize(const std::string& png, uint32_t* width, uint32_t* height) {
  static const std::string kSignature = "\x89PNG\r\n\x1a\n";
  if (png.size() < 24 || png.compare(0, 8, kSignature) != 0 || png.compare(12, 4, "IHDR") != 0) return false;
  auto be32 = [&](size_t at) {
    return (uint32_t(uint8_t(png[at])) << 24) | (uint32_t(uint8_t(png[at + 1])) << 16) |
           (uint32_t(uint8_t(png[at + 2])) << 8) | uint32_t(uint8_t(png[at + 3]));
  };
  *width = be32(16);
  *height = be32(20);
  return true;
}

TEST(AuditHtml, ClaimsLinkToTheirSentencesInChromium) {
  if (!HaveProgram("chromium")) {
    if (::kg::testing::SharedRequired()) FAIL() << "needs chromium (bash setup.sh deps installs it)";
    GTEST_SKIP() << "skipped: needs chromium (Debian's package; bash setup.sh deps installs it)";
  }
  TempDir tmp;
  std::string html = tmp.path() + "/audit.html";
  RunResult r = Sh(KgSeeds() + " audit --report --format html -o " + Quote(html));
  ASSERT_EQ(r.code, 0) << r.err;
  std::string page = ReadFile(html);

  std::string chromium = "timeout 180 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "
                         "--no-first-run --user-data-dir=" + Quote(tmp.path() + "/profile") + " ";
  std::string png = tmp.path() + "/audit.png";
  RunResult shot = Sh(chromium + "--window-size=1280,2400 --screenshot=" + Quote(png) + " " +
                      Quote("file://" + html));
  ASSERT_EQ(shot.code, 0) << shot.err;
  std::string image = ReadFile(png);
  uint32_t w = 0, h = 0;
  ASSERT_TRUE(PngSize(image, &w, &h)) << "no PNG at " << png << " (" << image.size() << " bytes)";
  EXPECT_EQ(w, 1280u);
  EXPECT_EQ(h, 2400u);
  // A page of text and tables, not a blank or an error page: a blank
  // 1280x2400 PNG is about 10 KB.
  EXPECT_GT(image.size(), 40000u) << "the screenshot looks empty";

  // The DOM as the browser built it.
  RunResult dom = Sh(chromium + "--dump-dom " + Quote("file://" + html));
  ASSERT_EQ(dom.code, 0) << dom.err;
  const std::string& d = dom.out;
  EXPECT_NE(d.find("<h1>kg audit report</h1>"), std::string::npos);
  EXPECT_NE(d.find("Barack Obama –speak_with→ Vladimir Putin"), std::string::npos);
  EXPECT_NE(d.find("Supporting sentences of the claims above"), std::string::npos);
  EXPECT_NE(d.find("Putin and Obama spoke for at least the second time"), std::string::npos)
      << "a supporting sentence is on the page";
  // Every link from a claim has its sentence on the page, and every claim
  // row links to at least one sentence.
  std::set<std::string> targets, anchors;
  for (size_t at = d.find("href=\"#s-"); at != std::string::npos; at = d.find("href=\"#s-", at + 1))
    targets.insert(d.substr(at + 7, d.find('"', at + 7) - at - 7));
  for (size_t at = d.find("id=\"s-"); at != std::string::npos; at = d.find("id=\"s-", at + 1))
    anchors.insert(d.substr(at + 4, d.find('"', at + 4) - at - 4));
  EXPECT_GE(targets.size(), 15u);
  EXPECT_EQ(targets, anchors);
  // The speak_with claim (three sources) links to each of its sentences
  // ("Putin and Obama spoke ...", "While speaking with Putin, Obama ...").
  size_t row = d.find("Barack Obama –speak_with→ Vladimir Putin");
  ASSERT_NE(row, std::string::npos);
  std::string cells = d.substr(row, d.find("</tr>", row) - row);
  EXPECT_NE(cells.find("[3]</a>"), std::string::npos) << cells;
  for (size_t at = cells.find("href=\"#"); at != std::string::npos; at = cells.find("href=\"#", at + 1)) {
    std::string id = cells.substr(at + 7, cells.find('"', at + 7) - at - 7);
    size_t p = d.find("id=\"" + id + "\"");
    ASSERT_NE(p, std::string::npos) << id;
    std::string sentence = d.substr(p, d.find("</p>", p) - p);
    EXPECT_TRUE(sentence.find("spoke") != std::string::npos || sentence.find("speak") != std::string::npos)
        << sentence;
  }
  // What kg wrote and what the browser shows hold the same links.
  EXPECT_NE(page.find("href=\"#s-"), std::string::npos);
}

}  // namespace
}  // namespace kg::ux_test
