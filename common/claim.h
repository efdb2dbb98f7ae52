// The claim model: what extraction produces and what the graph stores.
//
// extract/ turns one Document into an Extraction (entities and the claims
// between them, every one carrying where in the text it was read);
// graph/ writes an Extraction into the store as one atomic unit. Neither side
// knows the other: this header is the whole contract between them.
//
// Offsets are byte offsets into Document::text (UTF-8), half-open [begin, end).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kg {

struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool operator==(const ByteSpan& o) const { return begin == o.begin && end == o.end; }
};

// One article, as read from a file or a JSON Lines record, after boilerplate
// (navigation, share bars, repeated captions) has been removed. `text` is what
// the store keeps and what every span points into.
struct Document {
  std::string id;         // 32 hex digits from the url or the normalised text (extract::DocumentId)
  std::string source;     // file path (or path:line for JSON Lines)
  std::string url;
  std::string title;
  std::string publisher;
  std::string published;  // as given, ideally ISO 8601
  std::string byline;
  std::string text;
};

// Entity types. Arguments that name something are entities; other arguments
// (values, descriptions) are kValue nodes.
enum class EntityType { kPerson, kOrganization, kPlace, kEvent, kProduct, kOther, kValue };
const char* EntityTypeName(EntityType type);  // "Person", ..., "Value"

// How kg names an extractor wherever it shows one (stats, audit, exports,
// provenance(r), the ingest summary): "kg-openie/1.0"; the name alone when
// there is no version.
std::string ExtractorLabel(const std::string& name, const std::string& version);

// Where an entity was mentioned: one surface form in one sentence.
struct Mention {
  uint32_t sentence = 0;  // sentence index within the document
  ByteSpan span;          // the surface form in Document::text
  std::string surface;    // == text.substr(span) at extraction time
};

// A canonical entity of one document (after within-document resolution).
struct Entity {
  std::string name;  // canonical name: "Vladimir Putin"
  EntityType type = EntityType::kOther;
  std::vector<std::string> aliases;  // other names it goes by: "Putin", "FSB"
  std::vector<Mention> mentions;
};

// An extra argument of a claim (time, place...): "in 2011", "in Sochi".
// Role "group" marks a claim read from a group mention ("the two leaders"):
// its text is the group's words, and the claim was attached to each member.
struct ClaimArgument {
  std::string role;   // "time", "place", "group", or a preposition
  std::string text;
  ByteSpan span;
};

// One subject-relation-object claim read from one sentence.
struct Claim {
  int subject = -1;  // index into Extraction::entities
  int object = -1;   // index into Extraction::entities
  std::string relation;          // canonical type: "tip_off", "call", "speak_with"
  std::string relation_lemma;    // the type before synonyms met: "warn", "phone", "talk_with"
  std::string relation_surface;  // the words as written: "tipped off"
  uint32_t sentence = 0;
  ByteSpan sentence_span;
  ByteSpan subject_span;
  ByteSpan relation_span;
  ByteSpan object_span;
  double confidence = 0.5;    // in [0, 1]
  bool negated = false;       // "did not find"
  std::string modality;       // "", "may", "might", "could", "should", "would"...
  std::string attribution;    // "the Kremlin" in "..., the Kremlin said"
  std::vector<ClaimArgument> arguments;
};

// Everything one document yields.
struct Extraction {
  Document document;
  std::string extractor;          // "kg-openie"
  std::string extractor_version;  // "1.0"
  std::vector<Entity> entities;
  std::vector<Claim> claims;
};

}  // namespace kg
