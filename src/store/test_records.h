// Hand-built documents and event records for the store tests (our own
// sentences; the records follow docs/events.md field for field).
#ifndef SITREP_STORE_TEST_RECORDS_H_
#define SITREP_STORE_TEST_RECORDS_H_

#include <string>
#include <vector>

#include "store/store.h"

namespace sitrep::store::testing_records {

inline json Actor(const char* text, const char* code, const char* country, const char* sector,
                  const char* name, const char* kind) {
  auto s = [](const char* v) { return v ? json(v) : json(nullptr); };
  return {{"text", text}, {"code", s(code)}, {"country", s(country)}, {"sector", s(sector)},
          {"start", 0},   {"end", 0},        {"name", s(name)},       {"kind", kind}};
}

inline json Place(const char* text, const char* name, const char* country, const char* admin1,
                  double lat, double lon, const char* precision) {
  return {
      {"text", text},       {"name", name},        {"country", country},   {"admin1", admin1},
      {"lat", lat},         {"lon", lon},          {"geonameid", nullptr}, {"precision", precision},
      {"feature", nullptr}, {"relation", nullptr}, {"start", 0},           {"end", 0},
      {"basis", "clause"}};
}

inline json Count(int64_t n, const char* qualifier, const char* victims) {
  return {
      {"count", n}, {"qualifier", qualifier}, {"victims", victims}, {"mentions", json::array()}};
}

// A record with every contract field; the caller fills in what it needs.
inline json Record(const std::string& doc_id, const std::string& doc_date, int sentence, int k,
                   const std::string& sentence_text, const std::string& cameo,
                   const std::string& date) {
  json r;
  r["schema"] = "sitrep.event/1";
  r["id"] = doc_id + ":" + std::to_string(sentence) + ":" + std::to_string(k);
  r["doc_id"] = doc_id;
  r["doc_date"] = doc_date;
  r["sentence_index"] = sentence;
  r["sentence"] = sentence_text;
  r["span"] = {{"start", 0}, {"end", sentence_text.size()}};
  r["trigger"] = {{"text", "x"}, {"lemma", "x"}, {"start", 0}, {"end", 1}};
  r["cameo"] = cameo;
  r["cameo_root"] = cameo.substr(0, 2);
  r["cameo_label"] = nullptr;
  r["quad_class"] = cameo.substr(0, 2) >= "15" ? 4 : 3;
  r["goldstein"] = -10.0;
  r["plover"] = {{"event", nullptr}, {"mode", nullptr}};
  r["acled"] = {{"event_type", nullptr}, {"sub_event_type", nullptr}};
  r["source"] = nullptr;
  r["target"] = nullptr;
  r["location"] = nullptr;
  r["date"] = {{"value", date}, {"precision", "day"}, {"text", nullptr}, {"basis", "text"}};
  for (const char* kind : {"fatalities", "injured", "arrested", "abducted", "displaced"}) {
    r[kind] = nullptr;
  }
  r["attribution"] = {
      {"text", nullptr}, {"status", "asserted"}, {"start", nullptr}, {"end", nullptr}};
  r["negated"] = false;
  r["modality"] = "factual";
  r["reported_by"] = nullptr;
  r["confidence"] = 0.7;
  r["coder"] = "sitrep";
  r["issues"] = json::array();
  return r;
}

// Four documents, seven events:
//   kdh-0412: 2:0 010 Police (AFGCOP) said, 2019-04-12, no place
//             2:1 190 gunmen (---UAF) attacked a checkpoint, Kandahar (AFG), 2019-04-10
//             2:2 190 ... killing four officers (---COP), Kandahar, 4 dead, 2019-04-10
//             5:0 112 The Taliban (AFGINS) accused, 2019-04-11, no place
//   idl-0415: 0:0 195 Syrian jets (SYRMIL) air strike on Ariha, Idlib (SYR), 13 dead
//             3:0 183 a car bomb in Idlib city, no count
//   dmc-0416: 1:0 141 students (SYREDU) protested in Damascus
//   note-0417: no events
inline std::vector<DocumentRecords> SampleBatch() {
  std::vector<DocumentRecords> b(4);
  const std::string s2 =
      "Police said gunmen attacked a checkpoint in Kandahar province on Wednesday, killing four "
      "officers.";
  const std::string s5 =
      "The Taliban accused the government of lying about the attack on Thursday.";
  b[0].document = {"kdh-0412",
                   "2019-04-12",
                   "Checkpoint attacked",
                   "Test Wire",
                   "https://example.org/kdh-0412",
                   "KABUL (Test Wire) - A checkpoint was attacked.\n\n" + s2 +
                       " A roadside bomb struck a police vehicle later. " + s5};
  b[0].sentences = {{0, 0, 10, "Checkpoint attacked"},
                    {2, 48, 150, s2},
                    {3, 151, 200, "A roadside bomb struck a police vehicle later."},
                    {5, 201, 280, s5}};
  {
    json r = Record("kdh-0412", "2019-04-12", 2, 0, s2, "010", "2019-04-12");
    r["source"] = Actor("Police", "AFGCOP", "AFG", "COP", nullptr, "agent");
    r["date"]["basis"] = "story_date";
    b[0].records.push_back(r);
    r = Record("kdh-0412", "2019-04-12", 2, 1, s2, "190", "2019-04-10");
    r["source"] = Actor("gunmen", "---UAF", nullptr, "UAF", nullptr, "agent");
    r["target"] = Actor("a checkpoint", nullptr, nullptr, nullptr, nullptr, "unknown");
    r["plover"]["event"] = "ASSAULT";
    r["acled"] = {{"event_type", "Battles"}, {"sub_event_type", "Armed clash"}};
    r["location"] =
        Place("Kandahar province", "Kandahar", "AFG", "Kandahar", 31.61, 65.71, "admin1");
    r["attribution"] = {{"text", "Police"}, {"status", "reported"}, {"start", 48}, {"end", 54}};
    b[0].records.push_back(r);
    r["id"] = "kdh-0412:2:2";
    r["target"] = Actor("four officers", "---COP", nullptr, "COP", nullptr, "agent");
    r["fatalities"] = Count(4, "exact", "officers");
    b[0].records.push_back(r);
    r = Record("kdh-0412", "2019-04-12", 5, 0, s5, "112", "2019-04-11");
    r["source"] = Actor("The Taliban", "AFGINS", "AFG", "INS", "Taliban", "named");
    r["plover"]["event"] = "ACCUSE";
    b[0].records.push_back(r);
  }
  const std::string i0 =
      "Syrian jets carried out an air strike on Ariha in Idlib province on Sunday, killing at "
      "least 13 civilians, a monitor said.";
  const std::string i3 = "A car bomb exploded near a market in Idlib city, \"witnesses\" said.";
  b[1].document = {"idl-0415", "2019-04-15", "", "", "", i0 + "\n\nMore.\n\nMore. " + i3};
  {
    json r = Record("idl-0415", "2019-04-15", 0, 0, i0, "195", "2019-04-14");
    r["source"] = Actor("Syrian jets", "SYRMIL", "SYR", "MIL", nullptr, "agent");
    r["target"] = Actor("at least 13 civilians", "---CVL", nullptr, "CVL", nullptr, "agent");
    r["plover"] = {{"event", "ASSAULT"}, {"mode", "aerial"}};
    r["acled"] = {{"event_type", "Explosions/Remote violence"},
                  {"sub_event_type", "Air/drone strike"}};
    r["location"] = Place("Ariha", "Ariha", "SYR", "Idlib", 35.81, 36.61, "city");
    r["fatalities"] = Count(13, "at_least", "civilians");
    b[1].records.push_back(r);
    r = Record("idl-0415", "2019-04-15", 3, 0, i3, "183", "2019-04-15");
    r["plover"] = {{"event", "ASSAULT"}, {"mode", "explosives"}};
    r["acled"] = {{"event_type", "Explosions/Remote violence"},
                  {"sub_event_type", "Remote explosive/landmine/IED"}};
    r["location"] = Place("Idlib city", "Idlib", "SYR", "Idlib", 35.93, 36.63, "city");
    b[1].records.push_back(r);
  }
  const std::string d1 = "Hundreds of students protested in Damascus, chanting, on Tuesday.";
  b[2].document = {"dmc-0416", "2019-04-16", "Protest", "", "", "DAMASCUS - " + d1};
  {
    json r = Record("dmc-0416", "2019-04-16", 1, 0, d1, "141", "2019-04-16");
    r["source"] = Actor("Hundreds of students", "SYREDU", "SYR", "EDU", nullptr, "agent");
    r["plover"] = {{"event", "PROTEST"}, {"mode", "demo"}};
    r["acled"] = {{"event_type", "Protests"}, {"sub_event_type", "Peaceful protest"}};
    r["location"] = Place("Damascus", "Damascus", "SYR", "Damascus", 33.51, 36.29, "city");
    b[2].records.push_back(r);
  }
  b[3].document = {"note-0417", "2019-04-17", "Weather", "", "", "It rained in the capital."};
  return b;
}

// `n` documents "bulk-<i>" with `k` located events each, for volume tests.
inline std::vector<DocumentRecords> ManyDocuments(size_t n, int k) {
  std::vector<DocumentRecords> b(n);
  for (size_t i = 0; i < n; ++i) {
    const std::string id = "bulk-" + std::to_string(i);
    const std::string sentence = "Fighters attacked positions near the river in report " +
                                 std::to_string(i) + ", residents said.";
    b[i].document = {id, "2020-01-01", "Bulk " + std::to_string(i),
                     "", "",           std::string(400, 'x') + sentence};
    for (int j = 0; j < k; ++j) {
      json r = Record(id, "2020-01-01", j, 0, sentence, "190", "2020-01-01");
      r["source"] = Actor("Fighters", "---REB", nullptr, "REB", nullptr, "agent");
      r["location"] = Place("the river", "River", "IRQ", "Nineveh", 36.0 + j * 0.01,
                            43.0 + (i % 100) * 0.01, "feature");
      r["fatalities"] = Count(j, "exact", "fighters");
      b[i].records.push_back(r);
    }
  }
  return b;
}

}  // namespace sitrep::store::testing_records

#endif  // SITREP_STORE_TEST_RECORDS_H_
