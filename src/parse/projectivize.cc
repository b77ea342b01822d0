#include "parse/projectivize.h"

#include <cstdlib>

namespace sitrep {

bool IsTree(const std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size()) - 1;
  for (int i = 1; i <= n; ++i) {
    if (heads[i] < 0 || heads[i] > n || heads[i] == i) return false;
  }
  for (int i = 1; i <= n; ++i) {
    int k = i, steps = 0;
    while (k != 0) {
      k = heads[k];
      if (++steps > n) return false;
    }
  }
  return true;
}

namespace {
// Is `k` dominated by `h` (or equal to it)?
bool Dominates(const std::vector<int>& heads, int h, int k) {
  const int n = static_cast<int>(heads.size()) - 1;
  for (int steps = 0; steps <= n + 1; ++steps) {
    if (k == h) return true;
    if (k == 0) return false;
    k = heads[k];
  }
  return false;
}
}  // namespace

bool IsProjectiveArc(const std::vector<int>& heads, int d) {
  const int h = heads[d];
  const int lo = h < d ? h : d, hi = h < d ? d : h;
  for (int k = lo + 1; k < hi; ++k) {
    if (!Dominates(heads, h, k)) return false;
  }
  return true;
}

int Projectivize(std::vector<int>& heads) {
  if (!IsTree(heads)) return 0;
  const int n = static_cast<int>(heads.size()) - 1;
  int lifts = 0;
  for (;;) {
    int best = -1, best_len = 0;
    for (int d = 1; d <= n; ++d) {
      if (heads[d] == 0) continue;  // arcs from the root are always projective
      int len = std::abs(heads[d] - d);
      if (best >= 0 && len >= best_len) continue;
      if (!IsProjectiveArc(heads, d)) {
        best = d;
        best_len = len;
      }
    }
    if (best < 0) return lifts;
    heads[best] = heads[heads[best]];
    ++lifts;
  }
}

}  // namespace sitrep
