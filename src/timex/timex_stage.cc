#include "timex/timex_stage.h"

#include <optional>
#include <string>
#include <vector>

#include "timex/date_math.h"
#include "timex/recognizer.h"

namespace sitrep::timex {
namespace {

std::string_view BaseDeprel(std::string_view d) {
  size_t colon = d.find(':');
  return colon == std::string_view::npos ? d : d.substr(0, colon);
}

// Relations through which an expression's head climbs to its anchor.
bool IsNominalUp(std::string_view full) {
  std::string_view d = BaseDeprel(full);
  return d == "nmod" || d == "obj" || d == "iobj" || d == "obl" || d == "nsubj" ||
         d == "compound" || d == "appos" || d == "conj" || d == "amod" || d == "nummod" ||
         d == "flat" || d == "dep" || d == "list" || d == "advmod" || d == "det";
}

// Relations through which an event's trigger climbs to find its expression.
bool IsEventUp(std::string_view full) {
  if (full == "acl:relcl") return false;
  std::string_view d = BaseDeprel(full);
  return d == "xcomp" || d == "advcl" || d == "conj" || d == "obj" || d == "iobj" || d == "nsubj" ||
         d == "obl" || d == "nmod" || d == "compound" || d == "amod" || d == "acl" ||
         d == "appos" || d == "dep";
}

}  // namespace

Status TimexStage::Process(Document& doc) const {
  doc.times.clear();
  std::optional<CivilDate> story;
  if (!doc.date.empty()) {
    story = ParseIsoDate(doc.date);
    if (!story) {
      doc.Warn(-1, "timex: story date '" + doc.date +
                       "' is not a YYYY-MM-DD day: relative dates left unresolved");
    } else if (story->year < 1900) {
      doc.Warn(-1,
               "timex: story date " + doc.date + " is before 1900: relative dates left unresolved");
      story.reset();
    }
  }
  // Which tokens are event triggers (anchors for noun events).
  std::vector<char> is_trigger(doc.tokens.size(), 0);
  for (const Event& e : doc.events) {
    if (e.trigger_head < is_trigger.size()) is_trigger[e.trigger_head] = 1;
  }
  // Recognise; anchor[i] = document token the expression i is anchored at.
  std::vector<int32_t> anchor;
  std::optional<int64_t> last_day;  // for "the next day"
  for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    for (Recognized& r : RecognizeSentence(doc, si, story, &last_day)) {
      int32_t h = r.head_token;
      for (int steps = 0; h >= 0 && steps < 6; ++steps) {
        const Token& t = doc.tokens[h];
        if (is_trigger[h] || t.upos == Upos::kVerb || t.upos == Upos::kAux) break;
        if (!IsNominalUp(t.deprel)) break;
        const int32_t up = doc.HeadIndex(s, h);
        if (up < 0) break;
        h = up;
      }
      // "police said on Saturday(obl of arrested) they had arrested": a time
      // between a past governing verb and the subject of its complement
      // clause is the governing verb's, whatever the parser attached it to
      // (wire style; after a present "says last night militants attacked"
      // it is the complement's).
      if (h >= 0 && BaseDeprel(doc.tokens[h].deprel) == "ccomp") {
        const int32_t g = doc.HeadIndex(s, static_cast<uint32_t>(h));
        int32_t subj = -1;
        for (uint32_t t = s.token_begin; t < static_cast<uint32_t>(h); ++t) {
          if (doc.HeadIndex(s, t) == h && BaseDeprel(doc.tokens[t].deprel) == "nsubj") {
            subj = static_cast<int32_t>(t);
            break;
          }
        }
        const auto first = static_cast<int32_t>(r.expr.token_begin);
        if (g >= 0 && g < first && subj >= static_cast<int32_t>(r.expr.token_end) &&
            doc.tokens[static_cast<uint32_t>(g)].xpos == "VBD")
          h = g;
      }
      anchor.push_back(h);
      doc.times.push_back(std::move(r.expr));
    }
  }
  // Is expression i anchored at a verb in the perfect (an aux "have")?
  std::vector<char> perfect(doc.times.size(), 0);
  for (size_t i = 0; i < doc.times.size(); ++i) {
    if (doc.times[i].kind != TimeExpression::Kind::kDuration || anchor[i] < 0) continue;
    const Sentence& s = doc.sentences[doc.times[i].sentence];
    for (uint32_t t = s.token_begin; t < s.token_end && t < doc.tokens.size(); ++t) {
      if (doc.HeadIndex(s, t) == anchor[i] && doc.tokens[t].lemma == "have" &&
          doc.tokens[t].deprel.rfind("aux", 0) == 0) {
        perfect[i] = 1;
      }
    }
  }
  // Per sentence: the expressions in it.
  std::vector<std::vector<int32_t>> by_sentence(doc.sentences.size());
  for (size_t i = 0; i < doc.times.size(); ++i) {
    by_sentence[doc.times[i].sentence].push_back(static_cast<int32_t>(i));
  }
  // Pass 1: the expression each event reaches in the parse.
  const size_t ne = doc.events.size();
  std::vector<int32_t> attached(ne, -1);
  for (size_t ei = 0; ei < ne; ++ei) {
    const Event& e = doc.events[ei];
    if (e.sentence >= doc.sentences.size() || e.trigger_head >= doc.tokens.size()) continue;
    const Sentence& s = doc.sentences[e.sentence];
    int32_t reporter_head = -1;
    if (e.reported_by >= 0 && static_cast<size_t>(e.reported_by) < ne) {
      reporter_head = static_cast<int32_t>(doc.events[e.reported_by].trigger_head);
    }
    int32_t n = static_cast<int32_t>(e.trigger_head);
    for (int steps = 0; n >= 0 && steps < 8 && attached[ei] < 0; ++steps) {
      for (int32_t x : by_sentence[e.sentence]) {
        if (anchor[x] == n) {
          attached[ei] = x;
          break;
        }
      }
      if (attached[ei] >= 0) break;
      if (!IsEventUp(doc.tokens[n].deprel)) break;
      const int32_t up = doc.HeadIndex(s, n);
      if (up < 0 || up == reporter_head) break;
      n = up;
    }
  }
  // Sentences without a verb (datelines, bylines) are not inherited from.
  std::vector<char> has_verb(doc.sentences.size(), 0);
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    for (uint32_t t = s.token_begin; t < s.token_end && t < doc.tokens.size(); ++t) {
      if (doc.tokens[t].upos == Upos::kVerb) has_verb[si] = 1;
    }
  }
  // Per sentence: its events (an expression is attached only to events of
  // its own sentence).
  const std::vector<std::vector<uint32_t>> events_of =
      IndicesBySentence(doc.events, doc.sentences.size());
  // Per sentence: the last day, week, ... point resolved in an earlier
  // sentence of its paragraph (skipping sentences without a verb: datelines
  // and bylines, "KABUL, April 12 (sitrep) -"), -1 if none. One forward pass,
  // so that a long paragraph is not walked back once per event.
  std::vector<int32_t> inheritable(doc.sentences.size(), -1);
  for (size_t si = 1; si < doc.sentences.size(); ++si) {
    if (doc.sentences[si].paragraph != doc.sentences[si - 1].paragraph) continue;
    int32_t last = inheritable[si - 1];
    if (has_verb[si - 1]) {
      const auto& xs = by_sentence[si - 1];
      for (auto it = xs.rbegin(); it != xs.rend(); ++it) {
        if (!doc.times[*it].value.empty() && doc.times[*it].problem.empty() &&
            doc.times[*it].kind == TimeExpression::Kind::kPoint) {
          last = *it;
          break;
        }
      }
    }
    inheritable[si] = last;
  }
  // Pass 2: dates.
  auto related = [&](size_t a, size_t b) {
    return doc.events[a].reported_by == static_cast<int32_t>(b) ||
           doc.events[b].reported_by == static_cast<int32_t>(a);
  };
  for (size_t ei = 0; ei < ne; ++ei) {
    Event& e = doc.events[ei];
    e.time = -1;
    e.date.clear();
    e.date_precision = DatePrecision::kNone;
    e.date_basis = DateBasis::kNone;
    if (e.sentence >= doc.sentences.size()) continue;
    const bool factual = e.modality == Modality::kFactual;
    auto usable = [&](int32_t x) {
      if (factual && doc.times[x].problem == "after the story date") return false;
      // "for three days" measures back from now only in the perfect ("has
      // been besieged for three days"); "jailed for five years" is a length.
      if (doc.times[x].kind == TimeExpression::Kind::kDuration) return perfect[x] != 0;
      return true;
    };
    int32_t x = attached[ei];
    if (x >= 0 && !usable(x)) x = -1;
    bool reporter = false;  // the sentence's date is the act this event reports
    if (x < 0 && attached[ei] < 0 && by_sentence[e.sentence].size() == 1) {
      const int32_t only = by_sentence[e.sentence][0];
      bool blocked = false;
      for (const uint32_t o : events_of[e.sentence]) {
        if (o == ei || attached[o] != only || !related(ei, o)) continue;
        blocked = true;
        reporter |= doc.events[o].reported_by == static_cast<int32_t>(ei);
      }
      if (!blocked && usable(only)) x = only;
    }
    if (x >= 0) {
      const TimeExpression& t = doc.times[x];
      e.time = x;
      if (!t.value.empty()) {
        e.date = t.value;
        e.date_precision = t.precision;
        e.date_basis = DateBasis::kText;
      }
      continue;
    }
    // Inherit from an earlier sentence of the same paragraph; not a report
    // whose sentence's date is that of the act it reports ("On the 12th,
    // fighters ambushed a convoy, according to a source": the source spoke
    // later, on no date the text gives: the story date). A reported act
    // whose report is dated ("claimed on Thursday that its fighters had
    // killed ...") does inherit: it is the act told before.
    const int32_t inherited = reporter ? -1 : inheritable[e.sentence];
    if (inherited >= 0) {
      e.time = inherited;
      e.date = doc.times[inherited].value;
      e.date_precision = doc.times[inherited].precision;
      e.date_basis = DateBasis::kParagraph;
    } else if (story) {
      e.date = FormatIsoDate(*story);
      e.date_precision = DatePrecision::kDay;
      e.date_basis = DateBasis::kStoryDate;
    }
  }
  return OkStatus();
}

}  // namespace sitrep::timex
