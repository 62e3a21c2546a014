#pragma once
// KST_SANITIZED: defined in a build with AddressSanitizer, by gcc or by clang
// (gcc names it __SANITIZE_ADDRESS__; clang only answers __has_feature, and
// make test-sanitize builds with clang). Tests that explore whole scopes run a
// smaller one there: the same code, ~40x slower under ASan.
#if defined(__SANITIZE_ADDRESS__)
#define KST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KST_SANITIZED 1
#endif
#endif
