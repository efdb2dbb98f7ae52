#include "common/extraction_record.h"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

namespace kg {
namespace {

using Json = nlohmann::json;

Json Span(const ByteSpan& s) { return Json::array({s.begin, s.end}); }

// Thrown inside DecodeRecord only, turned into a Status at its end.
struct Bad {
  std::string why;
};

const Json& Field(const Json& j, const char* key, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end()) throw Bad{where + "no \"" + key + "\""};
  return *it;
}

std::string Str(const Json& j, const char* key, const std::string& where, bool required = false) {
  auto it = j.find(key);
  if (it == j.end()) {
    if (required) throw Bad{where + "no \"" + key + "\""};
    return {};
  }
  if (!it->is_string()) throw Bad{where + "\"" + key + "\" is not a string"};
  return it->get<std::string>();
}

uint32_t U32(const Json& j, const std::string& what) {
  if (!j.is_number_unsigned() || j.get<uint64_t>() > std::numeric_limits<uint32_t>::max()) {
    throw Bad{what + " is not a 32-bit unsigned number"};
  }
  return j.get<uint32_t>();
}

ByteSpan SpanOf(const Json& j, const std::string& what, size_t text_size) {
  if (!j.is_array() || j.size() != 2) throw Bad{what + " is not [begin, end]"};
  ByteSpan s{U32(j[0], what), U32(j[1], what)};
  if (s.begin > s.end || s.end > text_size) {
    throw Bad{what + " [" + std::to_string(s.begin) + ", " + std::to_string(s.end) +
              ") lies outside the document (" + std::to_string(text_size) + " bytes)"};
  }
  return s;
}

EntityType TypeOf(const std::string& name, const std::string& what) {
  for (EntityType t : {EntityType::kPerson, EntityType::kOrganization, EntityType::kPlace,
                       EntityType::kEvent, EntityType::kProduct, EntityType::kOther,
                       EntityType::kValue}) {
    if (name == EntityTypeName(t)) return t;
  }
  throw Bad{what + ": unknown entity type \"" + name + "\""};
}

// Splits "path:123" into ("path", 123); no line: (source, 0).
std::pair<std::string_view, uint64_t> SplitLine(std::string_view source) {
  size_t colon = source.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == source.size()) return {source, 0};
  uint64_t line = 0;
  for (size_t i = colon + 1; i < source.size(); ++i) {
    char c = source[i];
    if (c < '0' || c > '9' || line > (UINT64_MAX - 9) / 10) return {source, 0};
    line = line * 10 + static_cast<uint64_t>(c - '0');
  }
  return {source.substr(0, colon), line};
}

// Compares two paths folder by folder ("a/b" < "a.txt", as a walk in name
// order meets them): -1, 0 or 1.
int ComparePaths(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  for (;;) {
    size_t ea = a.find('/', i), eb = b.find('/', j);
    std::string_view pa = a.substr(i, ea == std::string_view::npos ? std::string_view::npos : ea - i);
    std::string_view pb = b.substr(j, eb == std::string_view::npos ? std::string_view::npos : eb - j);
    if (int c = pa.compare(pb); c != 0) return c < 0 ? -1 : 1;
    if (ea == std::string_view::npos || eb == std::string_view::npos) {
      if (ea == eb) return 0;
      return ea == std::string_view::npos ? -1 : 1;  // a file before a deeper path
    }
    i = ea + 1;
    j = eb + 1;
  }
}

}  // namespace

std::string EncodeRecord(const Extraction& x) {
  Json doc = {{"id", x.document.id},         {"source", x.document.source},
              {"url", x.document.url},       {"title", x.document.title},
              {"publisher", x.document.publisher}, {"published", x.document.published},
              {"byline", x.document.byline}, {"text", x.document.text}};
  Json entities = Json::array();
  for (const Entity& e : x.entities) {
    Json mentions = Json::array();
    for (const Mention& m : e.mentions) {
      mentions.push_back(Json::array({m.sentence, m.span.begin, m.span.end, m.surface}));
    }
    entities.push_back({{"name", e.name},
                        {"type", EntityTypeName(e.type)},
                        {"aliases", e.aliases},
                        {"mentions", std::move(mentions)}});
  }
  Json claims = Json::array();
  for (const Claim& c : x.claims) {
    Json args = Json::array();
    for (const ClaimArgument& a : c.arguments) {
      args.push_back(Json::array({a.role, a.text, a.span.begin, a.span.end}));
    }
    claims.push_back({{"subject", c.subject},
                      {"object", c.object},
                      {"relation", c.relation},
                      {"lemma", c.relation_lemma},
                      {"surface", c.relation_surface},
                      {"sentence", c.sentence},
                      {"spans", Json::array({Span(c.sentence_span), Span(c.subject_span),
                                             Span(c.relation_span), Span(c.object_span)})},
                      {"confidence", c.confidence},
                      {"negated", c.negated},
                      {"modality", c.modality},
                      {"attribution", c.attribution},
                      {"arguments", std::move(args)}});
  }
  Json record = {{"kg_record", kRecordFormatVersion},
                 {"document", std::move(doc)},
                 {"extractor", x.extractor},
                 {"extractor_version", x.extractor_version},
                 {"entities", std::move(entities)},
                 {"claims", std::move(claims)}};
  return record.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<Extraction> DecodeRecord(std::string_view line) {
  Json j;
  try {
    j = Json::parse(line);
  } catch (const Json::parse_error& e) {
    std::string msg = e.what();
    size_t colon = msg.find("]: ");
    if (colon != std::string::npos) msg = msg.substr(colon + 3);
    return Status::InvalidArgument("byte " + std::to_string(e.byte) + ": " + msg);
  } catch (const Json::exception& e) {
    // Valid syntax the parser cannot hold: a number too large ("4E4444").
    std::string msg = e.what();
    size_t bracket = msg.find("] ");
    if (bracket != std::string::npos) msg = msg.substr(bracket + 2);
    return Status::InvalidArgument(msg);
  }
  try {
    if (!j.is_object()) throw Bad{"not a JSON object"};
    auto version = j.find("kg_record");
    if (version == j.end()) throw Bad{"not a kg extraction record (no \"kg_record\" version)"};
    if (!version->is_number_integer() || version->get<int64_t>() != kRecordFormatVersion) {
      throw Bad{"unknown record format version " + version->dump() + " (this kg reads " +
                std::to_string(kRecordFormatVersion) + ")"};
    }
    Extraction x;
    const Json& d = Field(j, "document", "");
    if (!d.is_object()) throw Bad{"\"document\" is not an object"};
    x.document.id = Str(d, "id", "document: ", true);
    if (x.document.id.empty()) throw Bad{"document: empty id"};
    x.document.source = Str(d, "source", "document: ");
    x.document.url = Str(d, "url", "document: ");
    x.document.title = Str(d, "title", "document: ");
    x.document.publisher = Str(d, "publisher", "document: ");
    x.document.published = Str(d, "published", "document: ");
    x.document.byline = Str(d, "byline", "document: ");
    x.document.text = Str(d, "text", "document: ", true);
    x.extractor = Str(j, "extractor", "", true);
    x.extractor_version = Str(j, "extractor_version", "");
    const size_t size = x.document.text.size();

    const Json& entities = Field(j, "entities", "");
    if (!entities.is_array()) throw Bad{"\"entities\" is not an array"};
    for (size_t i = 0; i < entities.size(); ++i) {
      const Json& e = entities[i];
      std::string where = "entity " + std::to_string(i);
      if (!e.is_object()) throw Bad{where + " is not an object"};
      Entity out;
      out.name = Str(e, "name", where + ": ", true);
      out.type = TypeOf(Str(e, "type", where + ": ", true), where);
      if (auto a = e.find("aliases"); a != e.end()) {
        if (!a->is_array()) throw Bad{where + ": \"aliases\" is not an array"};
        for (const Json& s : *a) {
          if (!s.is_string()) throw Bad{where + ": an alias is not a string"};
          out.aliases.push_back(s.get<std::string>());
        }
      }
      if (auto m = e.find("mentions"); m != e.end()) {
        if (!m->is_array()) throw Bad{where + ": \"mentions\" is not an array"};
        for (size_t k = 0; k < m->size(); ++k) {
          const Json& mj = (*m)[k];
          std::string mw = where + " mention " + std::to_string(k);
          if (!mj.is_array() || mj.size() != 4 || !mj[3].is_string()) {
            throw Bad{mw + " is not [sentence, begin, end, surface]"};
          }
          Mention mention;
          mention.sentence = U32(mj[0], mw + " sentence");
          mention.span = SpanOf(Json::array({mj[1], mj[2]}), mw + " span", size);
          mention.surface = mj[3].get<std::string>();
          out.mentions.push_back(std::move(mention));
        }
      }
      x.entities.push_back(std::move(out));
    }

    const Json& claims = Field(j, "claims", "");
    if (!claims.is_array()) throw Bad{"\"claims\" is not an array"};
    for (size_t i = 0; i < claims.size(); ++i) {
      const Json& c = claims[i];
      std::string where = "claim " + std::to_string(i);
      if (!c.is_object()) throw Bad{where + " is not an object"};
      Claim out;
      for (auto [key, dst] : {std::pair<const char*, int*>{"subject", &out.subject},
                              {"object", &out.object}}) {
        const Json& v = Field(c, key, where + ": ");
        if (!v.is_number_integer() || v.get<int64_t>() < -1 ||
            v.get<int64_t>() >= static_cast<int64_t>(x.entities.size())) {
          throw Bad{where + ": \"" + key + "\" is not an entity index"};
        }
        *dst = v.get<int>();
      }
      out.relation = Str(c, "relation", where + ": ", true);
      out.relation_lemma = Str(c, "lemma", where + ": ");
      out.relation_surface = Str(c, "surface", where + ": ");
      out.sentence = U32(Field(c, "sentence", where + ": "), where + " sentence");
      const Json& spans = Field(c, "spans", where + ": ");
      if (!spans.is_array() || spans.size() != 4) throw Bad{where + ": \"spans\" is not 4 spans"};
      const char* names[] = {"sentence span", "subject span", "relation span", "object span"};
      ByteSpan* dst[] = {&out.sentence_span, &out.subject_span, &out.relation_span,
                         &out.object_span};
      for (int k = 0; k < 4; ++k) *dst[k] = SpanOf(spans[k], where + " " + names[k], size);
      const Json& confidence = Field(c, "confidence", where + ": ");
      if (!confidence.is_number()) throw Bad{where + ": \"confidence\" is not a number"};
      out.confidence = confidence.get<double>();
      if (auto n = c.find("negated"); n != c.end()) {
        if (!n->is_boolean()) throw Bad{where + ": \"negated\" is not true or false"};
        out.negated = n->get<bool>();
      }
      out.modality = Str(c, "modality", where + ": ");
      out.attribution = Str(c, "attribution", where + ": ");
      if (auto a = c.find("arguments"); a != c.end()) {
        if (!a->is_array()) throw Bad{where + ": \"arguments\" is not an array"};
        for (size_t k = 0; k < a->size(); ++k) {
          const Json& aj = (*a)[k];
          std::string aw = where + " argument " + std::to_string(k);
          if (!aj.is_array() || aj.size() != 4 || !aj[0].is_string() || !aj[1].is_string()) {
            throw Bad{aw + " is not [role, text, begin, end]"};
          }
          ClaimArgument arg;
          arg.role = aj[0].get<std::string>();
          arg.text = aj[1].get<std::string>();
          arg.span = SpanOf(Json::array({aj[2], aj[3]}), aw + " span", size);
          out.arguments.push_back(std::move(arg));
        }
      }
      x.claims.push_back(std::move(out));
    }
    return x;
  } catch (const Bad& bad) {
    return Status::InvalidArgument(bad.why);
  } catch (const Json::exception& e) {
    return Status::InvalidArgument(std::string("malformed record: ") + e.what());
  }
}

bool SourceBefore(const std::string& a_source, const std::string& a_id,
                  const std::string& b_source, const std::string& b_id) {
  auto [a_path, a_line] = SplitLine(a_source);
  auto [b_path, b_line] = SplitLine(b_source);
  if (int c = ComparePaths(a_path, b_path); c != 0) return c < 0;
  if (a_line != b_line) return a_line < b_line;
  return a_id < b_id;
}

}  // namespace kg
