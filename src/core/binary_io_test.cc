#include "core/binary_io.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(BinaryIoTest, RoundTripsSections) {
  ByteWriter w;
  w.U32(7);
  w.String("nsubj");
  w.PodVector(std::vector<float>{1.5f, -2.0f});
  ModelFile f;
  f.AddSection("parser", w.Release());
  std::string bytes = f.Serialize();
  auto back = ModelFile::Parse(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  auto sec = back->Section("parser");
  ASSERT_TRUE(sec.ok());
  ByteReader r(*sec);
  uint32_t v;
  std::string s;
  std::vector<float> fl;
  ASSERT_TRUE(r.U32(&v).ok());
  ASSERT_TRUE(r.String(&s).ok());
  ASSERT_TRUE(r.PodVector(&fl).ok());
  EXPECT_EQ(v, 7u);
  EXPECT_EQ(s, "nsubj");
  EXPECT_EQ(fl, (std::vector<float>{1.5f, -2.0f}));
  EXPECT_TRUE(r.done());
  EXPECT_EQ(back->Section("tagger").status().code(), StatusCode::kNotFound);
}

TEST(BinaryIoTest, RefusesWrongMagicVersionAndCorruption) {
  ModelFile f;
  f.AddSection("a", "hello");
  std::string bytes = f.Serialize();
  std::string bad_magic = bytes;
  bad_magic[0] = 'X';
  EXPECT_EQ(ModelFile::Parse(bad_magic).status().code(), StatusCode::kDataLoss);
  std::string bad_version = bytes;
  bad_version[8] = 99;
  EXPECT_NE(ModelFile::Parse(bad_version).status().message().find("version 99"), std::string::npos);
  std::string flipped = bytes;
  flipped[bytes.size() - 10] ^= 1;
  EXPECT_NE(ModelFile::Parse(flipped).status().message().find("checksum"), std::string::npos);
  EXPECT_FALSE(ModelFile::Parse(bytes.substr(0, bytes.size() / 2)).ok());
  EXPECT_FALSE(ModelFile::Parse("").ok());
}

TEST(BinaryIoTest, ReaderNeverReadsPastEnd) {
  ByteReader r(
      std::string_view("\x05\x00\x00\x00"
                       "ab",
                       6));
  std::string s;
  EXPECT_EQ(r.String(&s).code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace sitrep
