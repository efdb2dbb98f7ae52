// Entity keys: the surface forms a stored entity is found by, and how a
// new document's entity is matched to one already stored.
//
// Every entity node is indexed (in storage's names family, folded with
// text::FoldCase) under its name and its aliases: the names its mentions
// used ("Putin", "FBI"), those names without an organisation suffix
// ("Apple Inc." -> "Apple", "General Motors Corporation" -> "General
// Motors"), and for a person of two or more words the last word ("Jobs").
// kg check recomputes this set from a node's name and mentions.
//
// A new entity joins a stored one when one of its keys (its name, its name
// without suffix, or an acronym its document defined) finds candidates of a
// compatible type, and the best of them is unique: a candidate whose name is
// the key beats one whose suffix-less name is, which beats one that only
// has it as an alias. So "Apple Corps" (key "apple corps") never joins
// "Apple Inc.", and "Ford" the company never joins the person Gerald Ford.
// Failing all of those, an organisation "X of Y" whose document also called
// it "Y" joins the one stored organisation named "Y" ("Church of
// Scientology" after an article that only said "Scientology").
#pragma once

#include <string>
#include <vector>

#include "common/claim.h"
#include "common/org_names.h"
#include "common/status.h"
#include "graph/graph.h"

namespace kg::graph {

// The texts an entity named `name` of `type`, mentioned as `surfaces`, is
// indexed under (name first, then the rest, without repeats by folded form).
// Pronouns, group mentions and lower-case words among `surfaces` ("he",
// "The two leaders") are no aliases.
std::vector<std::string> EntityAliases(const std::string& name, EntityType type,
                                       const std::vector<std::string>& surfaces);

// The same plus `given`: names an analyst gave the entity (`kg curate`,
// graph/curation.h: the surfaces of its mentions of a "curation:<id>"
// document), which are aliases whatever their form ("Russians" for Russia).
std::vector<std::string> EntityAliases(const std::string& name, EntityType type,
                                       const std::vector<std::string>& surfaces,
                                       const std::vector<std::string>& given);

// Whether a mention of `document` is a name given by curation.
bool IsCurationDocument(const std::string& document);

// Whether entities of types `a` and `b` may be the same entity: a person
// is never a place or an organisation; Other goes with anything.
bool TypesCompatible(EntityType a, EntityType b);

// A stored entity node's name and type, from its properties ("" and
// kOther when missing).
struct StoredEntity {
  std::string name;
  EntityType type = EntityType::kOther;
};
StoredEntity StoredEntityOf(const Properties& properties);

// How strongly a stored entity named `candidate_name` answers `folded_key`:
// 3 when its name folds to the key, 2 when its suffix-less or cut name
// (CutOrgQualifier) does, 1 when the key is only one of its aliases.
int KeyRank(const std::string& candidate_name, const std::string& folded_key);

// The aliases entity node `node` is indexed under (its name first), as
// EntityAliases computes them from the node's name, type and mentions; empty
// for a node that is not an entity. What `n.aliases` returns in a query.
Result<std::vector<std::string>> AliasesOf(const Graph& graph, uint64_t node);

}  // namespace kg::graph
