#include "io/reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "io/formats.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;
using ReadResult = DocumentReader::ReadResult;

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "sitrep_io_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }
  // Writes `bytes` to dir_/name and returns the path.
  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = fs::path(dir_) / name;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    return p.string();
  }
  static std::vector<ReadResult> ReadAll(std::vector<std::string> inputs,
                                         const ReadOptions& options = {}) {
    auto reader = DocumentReader::Create(std::move(inputs), options);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    std::vector<ReadResult> out;
    if (!reader.ok()) return out;
    while (auto r = (*reader)->Next()) out.push_back(std::move(*r));
    return out;
  }
  std::string dir_;
};

// A stream holding `bytes`, standing in for stdin.
std::FILE* StreamOf(const std::string& bytes) {
  std::FILE* f = std::tmpfile();
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::rewind(f);
  return f;
}

// ---------------------------------------------------------------- dates

TEST(ValidateDateTest, AcceptsRealCalendarDates) {
  for (const char* d :
       {"2019-04-12", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "2015-10-31"}) {
    EXPECT_TRUE(ValidateDate(d).ok()) << d;
  }
}

TEST(ValidateDateTest, RejectsMalformedAndImpossibleDates) {
  for (const char* d : {"", "2019-4-12", "2019/04/12", "12-04-2019", "2019-04-12T10:00",
                        "2019-13-01", "2019-00-10", "2019-04-00", "2019-04-31", "2023-02-29",
                        "1900-02-29", "0000-01-01", "20a9-01-01", " 2019-04-12"}) {
    Status s = ValidateDate(d);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << d;
  }
  EXPECT_NE(ValidateDate("2019-04-31").message().find("day 31"), std::string::npos);
}

// ---------------------------------------------------------------- title rule

TEST(FindTitleTest, TitleIsASingleLineParagraphWithoutFinalPunctuation) {
  auto t = FindTitle("Syria says rebels hit Aleppo\n\nBEIRUT (sitrep) - Text.");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->title_begin, 0u);
  EXPECT_EQ(t->title_end, 28u);
  EXPECT_EQ(t->body_begin, 30u);
}

TEST(FindTitleTest, SkipsLeadingBlankLinesAndTrims) {
  std::string text = "\n  \n  Clashes in Idlib  \r\n \r\n\nBody.";
  auto t = FindTitle(text);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(text.substr(t->title_begin, t->title_end - t->title_begin), "Clashes in Idlib");
  EXPECT_EQ(text.substr(t->body_begin), "Body.");
}

TEST(FindTitleTest, NoTitle) {
  EXPECT_FALSE(FindTitle("Police fired tear gas.\n\nMore text").has_value());
  EXPECT_FALSE(FindTitle("\"We will not leave!\"\n\nMore text").has_value());
  EXPECT_FALSE(FindTitle("He said\xE2\x80\xA6\n\nMore").has_value());
  EXPECT_FALSE(FindTitle("KABUL (sitrep) - Police said\nmore\n\nText").has_value());
  EXPECT_FALSE(FindTitle("A title with no body\n\n  \n").has_value());
  EXPECT_FALSE(FindTitle("Just one line").has_value());
  EXPECT_FALSE(FindTitle(std::string(201, 'x') + "\n\nBody").has_value());
  EXPECT_TRUE(FindTitle(std::string(200, 'x') + "\n\nBody").has_value());
  EXPECT_FALSE(FindTitle("").has_value());
}

// The examples at the top of io/formats.h, verbatim.
TEST(FormatsHeaderTest, ExamplesHold) {
  Document doc =
      DocumentFromText("Gunmen attack checkpoint in Kandahar\n\nKANDAHAR, April 12 (sitrep) - ...",
                       {.id = "kdh-0412", .date = "2019-04-12", .origin = "kdh-0412.txt"});
  EXPECT_EQ(doc.title, "Gunmen attack checkpoint in Kandahar");
  EXPECT_EQ(doc.text, "Gunmen attack checkpoint in Kandahar\n\nKANDAHAR, April 12 (sitrep) - ...");
  EXPECT_EQ(doc.body_begin, 38u);
  EXPECT_EQ(doc.text[doc.body_begin], 'K');

  StatusOr<Document> d = DocumentFromJsonLine(
      R"({"id": "a1", "date": "2019-04-12", "title": "Clashes", "text": "Body."})",
      {.origin = "feed.jsonl:3", .default_id = "feed.jsonl:3", .default_date = ""});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, "Clashes\n\nBody.");
  EXPECT_EQ(d->body_begin, 9u);
}

// ---------------------------------------------------------------- plain text

TEST_F(ReaderTest, PlainTextWithTitleKeepsOriginalBytes) {
  const std::string bytes = "Gunmen attack checkpoint\n\nKANDAHAR, April 12 (sitrep) - Text.\n";
  std::string path = Write("kdh-0412.txt", bytes);
  ReadOptions options;
  options.date = "2019-04-12";
  auto results = ReadAll({path}, options);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].status.ok()) << results[0].status.ToString();
  const Document& doc = *results[0].doc;
  EXPECT_EQ(doc.id, "kdh-0412");
  EXPECT_EQ(doc.date, "2019-04-12");
  EXPECT_EQ(doc.origin, path);
  EXPECT_EQ(doc.text, bytes);
  EXPECT_EQ(doc.title, "Gunmen attack checkpoint");
  EXPECT_EQ(doc.body_begin, 26u);
  EXPECT_TRUE(doc.diagnostics.empty());
}

TEST_F(ReaderTest, PlainTextWithoutTitle) {
  const std::string bytes = "KABUL (sitrep) - Police said on Tuesday.\n\nSecond paragraph.\n";
  auto results = ReadAll({Write("a.txt", bytes)});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].doc->title, "");
  EXPECT_EQ(results[0].doc->body_begin, 0u);
  EXPECT_EQ(results[0].doc->text, bytes);
}

TEST_F(ReaderTest, CrlfIsKeptAndOffsetsAreIntoTheOriginal) {
  const std::string bytes = "Title here\r\n\r\nBody text.\r\n";
  auto results = ReadAll({Write("crlf.txt", bytes)});
  ASSERT_EQ(results.size(), 1u);
  const Document& doc = *results[0].doc;
  EXPECT_EQ(doc.text, bytes);
  EXPECT_EQ(doc.title, "Title here");
  EXPECT_EQ(doc.body_begin, 14u);
}

TEST_F(ReaderTest, ByteOrderMarkIsStrippedButCountedInOffsets) {
  auto results = ReadAll({Write("bom.txt",
                                "\xEF\xBB\xBFTitle\n\nab\xFF"
                                "c")});
  ASSERT_EQ(results.size(), 1u);
  const Document& doc = *results[0].doc;
  EXPECT_EQ(doc.text,
            "Title\n\nab\xEF\xBF\xBD"
            "c");
  EXPECT_EQ(doc.title, "Title");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].offset, 12);  // 3 (BOM) + 9
}

TEST_F(ReaderTest, InvalidUtf8IsRepairedWithWarningsNamingOffsetAndLine) {
  // Byte 11 (line 3) is a truncated 2-byte sequence; byte 19 (line 4) a stray 0xFF.
  std::string path = Write("bad.txt", "Title\n\nBad \xC3 byte\n\xFF end");
  auto results = ReadAll({path});
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].status.ok());
  const Document& doc = *results[0].doc;
  EXPECT_TRUE(IsValidUtf8(doc.text));
  EXPECT_EQ(doc.text, "Title\n\nBad \xEF\xBF\xBD byte\n\xEF\xBF\xBD end");
  ASSERT_EQ(doc.diagnostics.size(), 2u);
  EXPECT_EQ(doc.diagnostics[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(doc.diagnostics[0].offset, 11);
  EXPECT_EQ(doc.diagnostics[0].message,
            path + ":3: invalid UTF-8 (1 byte) at byte 11 replaced by U+FFFD");
  EXPECT_EQ(doc.diagnostics[1].offset, 18);
  EXPECT_NE(doc.diagnostics[1].message.find(path + ":4:"), std::string::npos);
}

TEST_F(ReaderTest, NulBytesAreRemovedWithWarnings) {
  std::string path = Write("nul.txt", std::string("ab\0cd\0", 6));
  auto results = ReadAll({path});
  ASSERT_EQ(results.size(), 1u);
  const Document& doc = *results[0].doc;
  EXPECT_EQ(doc.text, "abcd");
  ASSERT_EQ(doc.diagnostics.size(), 2u);
  EXPECT_EQ(doc.diagnostics[0].offset, 2);
  EXPECT_EQ(doc.diagnostics[0].message, path + ":1: NUL byte at byte 2 removed");
  EXPECT_EQ(doc.diagnostics[1].offset, 5);
}

TEST_F(ReaderTest, ManyBadBytesAreSummarised) {
  auto results = ReadAll({Write("binary.txt", std::string(100, '\xFF'))});
  ASSERT_EQ(results.size(), 1u);
  const Document& doc = *results[0].doc;
  EXPECT_TRUE(IsValidUtf8(doc.text));
  ASSERT_EQ(doc.diagnostics.size(), kMaxRepairWarnings + 1);
  EXPECT_NE(doc.diagnostics.back().message.find("80 more bad bytes"), std::string::npos);
}

TEST_F(ReaderTest, EmptyAndWhitespaceOnlyDocumentsAreEmptyWithoutError) {
  auto results = ReadAll({Write("empty.txt", ""), Write("blank.txt", " \n\t\r\n  \n")});
  ASSERT_EQ(results.size(), 2u);
  for (const ReadResult& r : results) {
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.doc->text, "");
    EXPECT_EQ(r.doc->title, "");
    EXPECT_TRUE(r.doc->diagnostics.empty());
  }
  EXPECT_EQ(results[0].doc->id, "empty");
  EXPECT_EQ(results[1].doc->id, "blank");
}

TEST_F(ReaderTest, OversizedTextFileIsRefusedAndTheRestIsRead) {
  std::string big = Write("big.txt", std::string(5000, 'a'));
  std::string small = Write("small.txt", "ok");
  ReadOptions options;
  options.max_document_bytes = 1000;
  auto results = ReadAll({big, small}, options);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(results[0].status.message(),
            big +
                ": document is 5000 bytes, over the limit of 1000 bytes "
                "(max_document_bytes); skipped");
  ASSERT_TRUE(results[1].status.ok());
  EXPECT_EQ(results[1].doc->text, "ok");
}

TEST_F(ReaderTest, OversizedStdinIsRefused) {
  std::FILE* in = StreamOf(std::string(5000, 'a'));
  ReadOptions options;
  options.max_document_bytes = 1000;
  options.standard_input = in;
  auto results = ReadAll({"-"}, options);
  std::fclose(in);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(results[0].status.message().find("stdin: document is more than 1000 bytes"),
            std::string::npos);
}

TEST_F(ReaderTest, StdinText) {
  std::FILE* in = StreamOf("Title\n\nBody.");
  ReadOptions options;
  options.standard_input = in;
  options.id = "wire-1";
  auto results = ReadAll({"-"}, options);
  std::fclose(in);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].doc->id, "wire-1");
  EXPECT_EQ(results[0].doc->origin, "stdin");
  EXPECT_EQ(results[0].doc->title, "Title");
}

TEST_F(ReaderTest, StdinDefaultIdIsStdin) {
  std::FILE* in = StreamOf("Body.");
  ReadOptions options;
  options.standard_input = in;
  auto results = ReadAll({"-"}, options);
  std::fclose(in);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].doc->id, "stdin");
}

TEST_F(ReaderTest, MissingPathIsReportedAndTheRestIsRead) {
  std::string missing = dir_ + "/nope.txt";
  auto results = ReadAll({missing, Write("a.txt", "A.")});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].status.code(), StatusCode::kNotFound);
  EXPECT_EQ(results[0].status.message(), missing + ": no such file or directory");
  EXPECT_TRUE(results[1].status.ok());
}

TEST_F(ReaderTest, UnreadableFileIsReportedAndTheRestIsRead) {
  if (geteuid() == 0) GTEST_SKIP() << "running as root: file permissions do not stop reading";
  std::string locked = Write("locked.txt", "secret");
  chmod(locked.c_str(), 0);
  auto results = ReadAll({locked, Write("a.txt", "A.")});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].status.code(), StatusCode::kIoError);
  EXPECT_NE(results[0].status.message().find(locked + ": cannot open: Permission denied"),
            std::string::npos);
  EXPECT_TRUE(results[1].status.ok());
}

TEST_F(ReaderTest, ReadErrorIsReportedAndTheRestIsRead) {
  // Reading /proc/self/mem at offset 0 fails with EIO: a file that opens but
  // cannot be read, even for root.
  if (!fs::exists("/proc/self/mem")) GTEST_SKIP() << "no /proc/self/mem on this system";
  ReadOptions options;
  options.format = ReadOptions::Format::kText;
  auto results = ReadAll({"/proc/self/mem", Write("a.txt", "A.")}, options);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].status.code(), StatusCode::kIoError) << results[0].status.ToString();
  EXPECT_NE(results[0].status.message().find("/proc/self/mem: cannot read:"), std::string::npos);
  EXPECT_TRUE(results[1].status.ok());
}

TEST_F(ReaderTest, JsonLinesReadErrorIsReportedAndTheRestIsRead) {
  if (!fs::exists("/proc/self/mem")) GTEST_SKIP() << "no /proc/self/mem on this system";
  ReadOptions options;
  options.format = ReadOptions::Format::kJsonl;
  auto results = ReadAll({"/proc/self/mem", Write("a.jsonl", R"({"text": "A."})")}, options);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].status.code(), StatusCode::kIoError) << results[0].status.ToString();
  EXPECT_NE(results[0].status.message().find("/proc/self/mem: cannot read: "), std::string::npos)
      << results[0].status.message();
  EXPECT_TRUE(results[1].status.ok());
}

TEST_F(ReaderTest, PathThroughAFileIsReported) {
  std::string file = Write("a.txt", "A.");
  auto results = ReadAll({file + "/b.txt", file});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_FALSE(results[0].status.ok());
  EXPECT_NE(results[0].status.message().find(file + "/b.txt: "), std::string::npos)
      << results[0].status.message();
  EXPECT_TRUE(results[1].status.ok());
}

TEST_F(ReaderTest, DirectoryYieldsTxtAndJsonlFilesSortedNonRecursive) {
  Write("in/b.txt", "B.");
  Write("in/a.txt", "A.");
  Write("in/c.jsonl", "{\"id\": \"c1\", \"text\": \"C1.\"}\n{\"id\": \"c2\", \"text\": \"C2.\"}\n");
  Write("in/notes.md", "not read");
  Write("in/.hidden.txt", "not read");
  Write("in/sub/d.txt", "not read");
  ReadOptions options;
  options.format = ReadOptions::Format::kJsonl;  // does not apply inside directories
  auto results = ReadAll({dir_ + "/in"}, options);
  std::vector<std::string> ids;
  for (const ReadResult& r : results) {
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    ids.push_back(r.doc->id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c1", "c2"}));
}

TEST_F(ReaderTest, DirectoryWithoutDocumentsIsReported) {
  fs::create_directories(dir_ + "/empty");
  auto results = ReadAll({dir_ + "/empty", Write("a.txt", "A.")});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].status.code(), StatusCode::kNotFound);
  EXPECT_TRUE(results[1].status.ok());
}

// ---------------------------------------------------------------- JSON Lines

TEST_F(ReaderTest, JsonLinesRecordsAndPerLineErrors) {
  std::string path = Write(
      "feed.jsonl",
      R"({"id": "a1", "date": "2019-04-12", "title": "Clashes", "text": "Body.", "source": "sitrep", "url": "http://x/1"})"
      "\n"
      R"({"text": "No id."})"
      "\n"
      "\n"
      R"({"id": "bad", "text": )"
      "\n"
      R"(["not", "an", "object"])"
      "\n"
      R"({"id": "t", "text": 42})"
      "\n"
      R"({"id": "d", "date": "2019-02-30", "text": "Bad date."})"
      "\n"
      R"({"id": 17, "title": "Only a title"})"
      "\n"
      "   \r\n"
      R"({"id": "last", "text": "  Final line, no newline."})");
  ReadOptions options;
  options.date = "2020-01-01";
  auto results = ReadAll({path}, options);
  ASSERT_EQ(results.size(), 8u);

  ASSERT_TRUE(results[0].status.ok());
  const Document& a1 = *results[0].doc;
  EXPECT_EQ(a1.id, "a1");
  EXPECT_EQ(a1.date, "2019-04-12");
  EXPECT_EQ(a1.title, "Clashes");
  EXPECT_EQ(a1.text, "Clashes\n\nBody.");
  EXPECT_EQ(a1.body_begin, 9u);
  EXPECT_EQ(a1.source, "sitrep");
  EXPECT_EQ(a1.url, "http://x/1");
  EXPECT_EQ(a1.origin, path + ":1");

  ASSERT_TRUE(results[1].status.ok());
  EXPECT_EQ(results[1].doc->id, "feed.jsonl:2");
  EXPECT_EQ(results[1].doc->date, "2020-01-01");  // the default date
  EXPECT_EQ(results[1].doc->text, "No id.");
  EXPECT_EQ(results[1].doc->body_begin, 0u);

  EXPECT_EQ(results[2].status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(results[2].status.message().find(path + ":4: malformed JSON"), std::string::npos)
      << results[2].status.message();
  EXPECT_EQ(results[3].status.message(), path + ":5: expected a JSON object, got array");
  EXPECT_EQ(results[4].status.message(), path + ":6: field \"text\" must be a string, not number");
  EXPECT_EQ(results[5].status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(results[5].status.message().find(path + ":7: invalid date \"2019-02-30\""),
            std::string::npos)
      << results[5].status.message();

  ASSERT_TRUE(results[6].status.ok());
  EXPECT_EQ(results[6].doc->id, "17");
  EXPECT_EQ(results[6].doc->title, "Only a title");
  EXPECT_EQ(results[6].doc->text, "");  // no text: an empty document

  ASSERT_TRUE(results[7].status.ok());
  EXPECT_EQ(results[7].doc->id, "last");
  EXPECT_EQ(results[7].doc->origin, path + ":10");
  EXPECT_EQ(results[7].doc->text, "  Final line, no newline.");
}

TEST_F(ReaderTest, JsonLinesInvalidUtf8IsRepairedWithFileOffset) {
  std::string first = R"({"id": "ok", "text": "x"})"
                      "\n";                                            // 26 bytes
  std::string second = "{\"id\": \"u\", \"text\": \"caf\xE9 ok\"}\n";  // 0xE9 at column 25
  std::string path = Write("latin1.jsonl", first + second);
  auto results = ReadAll({path});
  ASSERT_EQ(results.size(), 2u);
  ASSERT_TRUE(results[1].status.ok()) << results[1].status.ToString();
  const Document& doc = *results[1].doc;
  EXPECT_EQ(doc.text, "caf\xEF\xBF\xBD ok");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].offset, static_cast<int64_t>(first.size() + 24));
  EXPECT_EQ(doc.diagnostics[0].message,
            path + ":2: invalid UTF-8 (1 byte) at byte 50 replaced by U+FFFD (column 25)");
}

TEST_F(ReaderTest, JsonLinesEscapedNulIsRemoved) {
  auto results = ReadAll({Write("nul.jsonl", R"({"id": "n", "text": "a\u0000b"})"
                                             "\n")});
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].status.ok());
  EXPECT_EQ(results[0].doc->text, "ab");
  ASSERT_EQ(results[0].doc->diagnostics.size(), 1u);
  EXPECT_NE(results[0].doc->diagnostics[0].message.find("\\u0000"), std::string::npos);
}

TEST_F(ReaderTest, JsonLinesOverlongLineIsRefusedAndTheRestIsRead) {
  std::string long_line = R"({"id": "huge", "text": ")" + std::string(200000, 'x') + "\"}";
  std::string path = Write("big.jsonl", R"({"id": "one", "text": "1"})"
                                        "\n" +
                                            long_line +
                                            "\n"
                                            R"({"id": "three", "text": "3"})"
                                            "\n");
  ReadOptions options;
  options.max_document_bytes = 1000;
  auto results = ReadAll({path}, options);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].status.ok());
  EXPECT_EQ(results[1].status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(results[1].status.message(),
            path + ":2: line is " + std::to_string(long_line.size()) +
                " bytes, over the limit of 1000 bytes (max_document_bytes); skipped");
  ASSERT_TRUE(results[2].status.ok());
  EXPECT_EQ(results[2].doc->id, "three");
  EXPECT_EQ(results[2].doc->origin, path + ":3");
}

TEST_F(ReaderTest, JsonLinesFromStdinAndByteOrderMark) {
  std::FILE* in = StreamOf(
      "\xEF\xBB\xBF"
      R"({"text": "First."})"
      "\n"
      R"({"text": "Second."})");
  ReadOptions options;
  options.format = ReadOptions::Format::kJsonl;
  options.standard_input = in;
  auto results = ReadAll({"-"}, options);
  std::fclose(in);
  ASSERT_EQ(results.size(), 2u);
  ASSERT_TRUE(results[0].status.ok()) << results[0].status.ToString();
  EXPECT_EQ(results[0].doc->id, "stdin:1");
  EXPECT_EQ(results[0].doc->text, "First.");
  EXPECT_EQ(results[1].doc->origin, "stdin:2");
}

TEST_F(ReaderTest, StdinOpeningWithABraceIsJsonLinesUnderAuto) {
  std::FILE* in = StreamOf(R"({"id": "a", "text": "First."})"
                           "\n"
                           R"({"id": "b", "text": "Second."})");
  ReadOptions options;
  options.standard_input = in;
  auto results = ReadAll({"-"}, options);
  std::fclose(in);
  ASSERT_EQ(results.size(), 2u);
  ASSERT_TRUE(results[0].status.ok()) << results[0].status.ToString();
  EXPECT_EQ(results[0].doc->id, "a");
  EXPECT_EQ(results[0].doc->text, "First.");
  EXPECT_EQ(results[1].doc->id, "b");
}

TEST_F(ReaderTest, StdinWithAnIdOrAsTextStaysText) {
  for (ReadOptions::Format format : {ReadOptions::Format::kAuto, ReadOptions::Format::kText}) {
    std::FILE* in = StreamOf(R"({"text": "First."})");
    ReadOptions options;
    options.standard_input = in;
    options.format = format;
    if (format == ReadOptions::Format::kAuto) options.id = "wire-1";
    auto results = ReadAll({"-"}, options);
    std::fclose(in);
    ASSERT_EQ(results.size(), 1u);
    ASSERT_TRUE(results[0].status.ok());
    EXPECT_EQ(results[0].doc->text, R"({"text": "First."})");
  }
}

TEST_F(ReaderTest, FormatOptionOverridesTheExtension) {
  std::string path = Write("feed.data", R"({"id": "x", "text": "X."})"
                                        "\n");
  ReadOptions options;
  options.format = ReadOptions::Format::kJsonl;
  auto results = ReadAll({path}, options);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].doc->id, "x");
  // And a .jsonl file forced to text is one document.
  std::string jsonl = Write("as-text.jsonl", R"({"id": "x"})");
  options.format = ReadOptions::Format::kText;
  results = ReadAll({jsonl}, options);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].doc->id, "as-text");
  EXPECT_EQ(results[0].doc->text, R"({"id": "x"})");
}

TEST_F(ReaderTest, DeeplyNestedJsonDoesNotCrash) {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto results = ReadAll({Write("deep.jsonl", deep + "\n" + R"({"text": "after"})")});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(results[1].status.ok());
}

// ---------------------------------------------------------------- Create

TEST_F(ReaderTest, CreateRejectsBadOptions) {
  std::string a = Write("a.txt", "A.");
  std::string b = Write("b.txt", "B.");
  std::string j = Write("j.jsonl", "{}");
  auto fails = [](std::vector<std::string> inputs, const ReadOptions& options) {
    auto r = DocumentReader::Create(std::move(inputs), options);
    return !r.ok() && r.status().code() == StatusCode::kInvalidArgument;
  };
  EXPECT_TRUE(fails({}, {}));
  EXPECT_TRUE(fails({"-", a, "-"}, {}));
  ReadOptions bad_date;
  bad_date.date = "2019-02-29";
  EXPECT_TRUE(fails({a}, bad_date));
  ReadOptions with_id;
  with_id.id = "x";
  EXPECT_TRUE(fails({a, b}, with_id));
  EXPECT_TRUE(fails({dir_}, with_id));
  EXPECT_TRUE(fails({j}, with_id));
  EXPECT_FALSE(fails({a}, with_id));
  ReadOptions zero;
  zero.max_document_bytes = 0;
  EXPECT_TRUE(fails({a}, zero));
}

TEST(FormatFromNameTest, Names) {
  EXPECT_EQ(FormatFromName("auto"), ReadOptions::Format::kAuto);
  EXPECT_EQ(FormatFromName("text"), ReadOptions::Format::kText);
  EXPECT_EQ(FormatFromName("jsonl"), ReadOptions::Format::kJsonl);
  EXPECT_EQ(FormatFromName("xml"), std::nullopt);
}

// ---------------------------------------------------------------- golden files
//
// tests/golden/io/NAME.{txt,jsonl} is read with the options in NAME.options.json
// (if present: {"date": ..., "max_document_bytes": ..., "format": ...}); the
// results must equal NAME.expected.json. SITREP_UPDATE_GOLDEN=1 rewrites the
// expected files. Format: see tests/golden/io/README.md.

nlohmann::ordered_json ResultToJson(const ReadResult& r, const std::string& strip_prefix) {
  auto strip = [&](std::string s) {
    for (size_t at; (at = s.find(strip_prefix)) != std::string::npos;) {
      s.erase(at, strip_prefix.size());
    }
    return s;
  };
  nlohmann::ordered_json j;
  j["status"] = std::string(StatusCodeName(r.status.code()));
  if (!r.status.ok()) {
    j["message"] = strip(r.status.message());
    return j;
  }
  const Document& d = *r.doc;
  j["id"] = d.id;
  j["date"] = d.date;
  j["origin"] = strip(d.origin);
  j["title"] = d.title;
  j["source"] = d.source;
  j["url"] = d.url;
  j["body_begin"] = d.body_begin;
  j["text"] = d.text;
  j["diagnostics"] = nlohmann::ordered_json::array();
  for (const Diagnostic& diag : d.diagnostics) {
    j["diagnostics"].push_back(
        {{"severity", diag.severity == Diagnostic::Severity::kWarning ? "warning" : "error"},
         {"offset", diag.offset},
         {"message", strip(diag.message)}});
  }
  return j;
}

TEST(GoldenTest, ReaderOutputMatchesExpectedFiles) {
  const fs::path dir = fs::path(SITREP_SOURCE_DIR) / "tests" / "golden" / "io";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no golden directory " << dir;
  const bool update = std::getenv("SITREP_UPDATE_GOLDEN") != nullptr;
  const std::string prefix = dir.string() + "/";
  int cases = 0;
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string ext = entry.path().extension().string();
    if (ext == ".txt" || ext == ".jsonl") inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.string());
    fs::path base = input;
    base.replace_extension();
    ReadOptions options;
    if (std::ifstream opt(base.string() + ".options.json"); opt) {
      nlohmann::json o = nlohmann::json::parse(opt);
      options.date = o.value("date", "");
      options.max_document_bytes = o.value("max_document_bytes", options.max_document_bytes);
      if (o.contains("format")) options.format = *FormatFromName(o["format"].get<std::string>());
    }
    auto reader = DocumentReader::Create({input.string()}, options);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    nlohmann::ordered_json got = nlohmann::ordered_json::array();
    while (auto r = (*reader)->Next()) got.push_back(ResultToJson(*r, prefix));
    const std::string expected_path = base.string() + ".expected.json";
    if (update) {
      std::ofstream(expected_path) << got.dump(2) << "\n";
    }
    std::ifstream in(expected_path);
    ASSERT_TRUE(in) << "missing " << expected_path << " (run with SITREP_UPDATE_GOLDEN=1)";
    nlohmann::ordered_json expected = nlohmann::ordered_json::parse(in);
    EXPECT_EQ(got, expected) << "got:\n" << got.dump(2);
    ++cases;
  }
  EXPECT_GT(cases, 0);
}

}  // namespace
}  // namespace sitrep
