#pragma once
// The id of every finding rule, once. The model (model/kst-model.json,
// "rules") describes each; check/cell_rules.cpp and the static checks
// (check/static_rules.cpp) decide them; reports and exports name them
// through these constants, never through string literals
// (model_catalog_test.cpp checks the two lists agree).

namespace kst::rule {

inline constexpr char kVersionConflict[] = "kst/version-conflict";
inline constexpr char kUnknownServer[] = "kst/unknown-server";
inline constexpr char kOrderDependent[] = "kst/order-dependent";
inline constexpr char kFlapping[] = "kst/flapping";
inline constexpr char kWaiverExpired[] = "kst/waiver-expired";
inline constexpr char kWaiverStale[] = "kst/waiver-stale";
inline constexpr char kCertWildcardSubject[] = "cert/wildcard-subject";
inline constexpr char kCertSubjectNotKnown[] = "cert/subject-not-known";
inline constexpr char kCertValidity[] = "cert/validity";
inline constexpr char kClockSkew[] = "clock/skew";

inline constexpr const char* kAll[] = {kVersionConflict, kUnknownServer, kOrderDependent,      kFlapping,
                                       kWaiverExpired,   kWaiverStale,   kCertWildcardSubject, kCertSubjectNotKnown,
                                       kCertValidity,    kClockSkew};

}  // namespace kst::rule
