#include "common/claim.h"

namespace kg {

const char* EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kPerson: return "Person";
    case EntityType::kOrganization: return "Organization";
    case EntityType::kPlace: return "Place";
    case EntityType::kEvent: return "Event";
    case EntityType::kProduct: return "Product";
    case EntityType::kOther: return "Other";
    case EntityType::kValue: return "Value";
  }
  return "Other";
}

std::string ExtractorLabel(const std::string& name, const std::string& version) {
  return version.empty() ? name : name + "/" + version;
}

}  // namespace kg
