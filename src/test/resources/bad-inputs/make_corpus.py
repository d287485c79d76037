#!/usr/bin/env python3
"""Writes the bad-input corpus (run from this directory; the files are committed, this records how
the binary ones were made; the fuzz_* files are Jazzer findings, kept as the fuzzer found them).
Every file is one malformed input; cases.tsv says which step reads it, the exit code expected and
what the one-line message must say."""
import gzip, io, json, os, random, struct, zipfile, zlib

random.seed(20261122)
GOOD_SEQ = "ACGTTGCAAGCTTAGCCGATAGGCTAACGTTAGCATCGATCGGATCCATGCAAGTCGATCGAACGTAGCTAGCTAGGCTAACG"


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def gz(text):
    return gzip.compress(text.encode(), mtime=0)


def bgzf(text):
    """One BGZF block (gzip with the BC extra field) and the empty EOF block."""
    raw = text.encode()
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    deflated = c.compress(raw) + c.flush()
    extra = b"BC" + struct.pack("<HH", 2, len(deflated) + 25)
    block = (b"\x1f\x8b\x08\x04" + b"\x00" * 4 + b"\x00\xff" + struct.pack("<H", len(extra)) + extra + deflated
             + struct.pack("<II", zlib.crc32(raw), len(raw)))
    eof = bytes.fromhex("1f8b08040000000000ff0600424302001b0003000000000000000000")
    return block + eof


fasta = "".join(">s%d\n%s\n" % (i, "".join(random.choice("ACGT") for _ in range(200))) for i in range(40))
# FASTA, read by predict --data
write("fasta/not_fasta.fa", "s1 ACGT\ns2 GGCC\n")
write("fasta/empty.fa", "")
write("fasta/empty_record.fa", ">s1\n>s2\nACGT\n")
write("fasta/duplicate_id.fa", ">s1\nACGT\n>s2\nACGA\n>s1\nACGG\n")
write("fasta/iupac_code.fa", ">s1\nACGT\n>s2\nACRTAC\n")
write("fasta/dash_in_sequence.fa", ">s1\nAC-GT\n")
write("fasta/digit_in_sequence.fa", ">s1\nACGT\n>s2\nAC3GT\n")
write("fasta/header_only.fa", ">s1\n")
write("fasta/no_id.fa", ">\nACGT\n")
write("fasta/space_in_sequence.fa", ">s1\nACG TAC\n")
write("fasta/binary.fa", bytes(random.getrandbits(8) for _ in range(4096)))
write("fasta/truncated.fa.gz", gz(fasta)[:1000])
write("fasta/corrupt.fa.gz", b"\x1f\x8b\x08\x00" + bytes(random.getrandbits(8) for _ in range(600)))
write("fasta/truncated_bgzip.fa.gz", bgzf(fasta)[:1000])
write("fasta/utf16.fa", ">s1\nACGT\n".encode("utf-16"))

# count tables, read by qc --counts
H = "id\tdna_1\tdna_2\trna_1\trna_2\n"
OK = H + "e1\t10\t12\t20\t22\ne2\t30\t31\t5\t6\n"
write("counts/empty.tsv", "")
write("counts/header_only.tsv", H)
write("counts/non_integer_count.tsv", OK + "e3\t1.5\t2\t3\t4\n")
write("counts/negative_count.tsv", OK + "e3\t1\t2\t-3\t4\n")
write("counts/count_2_pow_63.tsv", OK + "e3\t9223372036854775808\t2\t3\t4\n")
write("counts/count_nan.tsv", OK + "e3\tNaN\t2\t3\t4\n")
write("counts/count_exponent.tsv", OK + "e3\t1e5\t2\t3\t4\n")
write("counts/short_line.tsv", OK + "e3\t1\t2\t3\n")
write("counts/long_line.tsv", OK + "e3\t1\t2\t3\t4\t5\n")
write("counts/duplicate_id.tsv", OK + "e1\t1\t2\t3\t4\n")
write("counts/no_dna_columns.tsv", "id\trna_1\trna_2\ne1\t1\t2\n")
write("counts/unpaired_replicates.tsv", "id\tdna_1\tdna_2\trna_1\trna_3\ne1\t1\t1\t1\t1\n")
write("counts/comma_separated.tsv", "id,dna_1,rna_1\ne1,1,2\n")
write("counts/nul_bytes.tsv", OK + "e3\t1\x00\t2\t3\t4\n")
write("counts/binary.tsv", bytes(random.getrandbits(8) for _ in range(4096)))
write("counts/truncated.tsv.gz", gz(OK + "".join(f"e{i}\t{i}\t{i * 7 % 13}\t{i * 3 % 11}\t{i % 97}\n" for i in range(3, 3000)))[:2000])
write("counts/bad_split.tsv", "id\tdna_1\trna_1\tsplit\ne1\t1\t1\ttraining\n")
write("counts/empty_id.tsv", OK + "\t1\t2\t3\t4\n")

# activity tables, read by train --data
A = "id\tsequence\tactivity\n"
rows = "".join(f"a{i}\t{GOOD_SEQ}\t{i % 7 * 0.3:.1f}\n" for i in range(60))
write("activity/target_nan.tsv", A + rows + f"a60\t{GOOD_SEQ}\tNaN\n")
write("activity/target_text.tsv", A + rows + f"a60\t{GOOD_SEQ}\thigh\n")
write("activity/target_infinite.tsv", A + rows + f"a60\t{GOOD_SEQ}\tInf\n")
write("activity/no_sequence_column.tsv", "id\tseq\tactivity\na1\tACGT\t1\n")
write("activity/no_target_column.tsv", "id\tsequence\tvalue\na1\tACGT\t1\n")
write("activity/mixed_lengths.tsv", A + rows + f"a60\t{GOOD_SEQ}AC\t1.0\n")
write("activity/invalid_base.tsv", A + rows + f"a60\t{GOOD_SEQ[:-1]}X\t1.0\n")
write("activity/empty_training_split.tsv", "id\tsequence\tactivity\tsplit\n"
      + "".join(f"a{i}\t{GOOD_SEQ}\t{i % 5}\ttest\n" for i in range(60)))
write("activity/header_only.tsv", A)
write("activity/too_few_rows.tsv", A + f"a1\t{GOOD_SEQ}\t1.0\na2\t{GOOD_SEQ}\t2.0\n")

# prediction tables, read by calibrate --fit
P = "id\tmean\tvar_total\ty\n"
prows = "".join(f"p{i}\t{i * 0.1:.1f}\t0.5\t{i * 0.1 + 0.2:.1f}\n" for i in range(50))
write("predictions/no_mean_column.tsv", "id\tmu\tvar_total\ty\np1\t1\t1\t1\n")
write("predictions/negative_variance.tsv", P + prows + "p50\t1.0\t-0.5\t1.0\n")
write("predictions/mean_text.tsv", P + prows + "p50\tabc\t0.5\t1.0\n")
write("predictions/variance_nan.tsv", P + prows + "p50\t1.0\tNaN\t1.0\n")
write("predictions/no_truth_column.tsv", "id\tmean\tvar_total\n" + "".join(f"p{i}\t1\t1\n" for i in range(50)))
write("predictions/empty.tsv", "")
# truth tables, read by evaluate --truth
write("truth/truth_text.tsv", "id\ty\np1\t1.0\np2\tn/a\n")
write("truth/no_id_column.tsv", "name\ty\np1\t1.0\n")
write("truth/duplicate_id.tsv", "id\ty\np1\t1.0\np1\t2.0\n")

# VCF, read by score-variants --vcf (reference: test-data/kircher2019)
V = ("##fileformat=VCFv4.2\n##contig=<ID=F9>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
write("vcf/not_a_vcf.vcf", "chrom\tpos\tref\talt\nF9\t10\tA\tG\n")
write("vcf/empty.vcf", "")
write("vcf/no_chrom_line.vcf", "##fileformat=VCFv4.2\nF9\t10\t.\tA\tG\t.\t.\t.\n")
write("vcf/position_text.vcf", V + "F9\tten\t.\tA\tG\t.\t.\t.\n")
write("vcf/too_few_columns.vcf", V + "F9\t10\t.\tA\n")
write("vcf/unknown_contig.vcf", V + "chrUn_1\t10\t.\tA\tG\t.\t.\t.\n")
write("vcf/ref_mismatch.vcf", V + "F9\t10\t.\tTTTTTTTTTT\tG\t.\t.\t.\n")
write("vcf/truncated.vcf.gz", gz(V + "".join(f"F9\t{i}\t.\t{random.choice('ACGT')}\t{random.choice('ACGT')}\t.\t.\t.\n" for i in range(10, 2000)))[:1500])
write("vcf/position_beyond_contig.vcf", V + "F9\t999999999\t.\tA\tG\t.\t.\t.\n")

# motifs, read by simulate --motifs
write("motifs/jaspar_missing_row.jaspar", ">MA1.1 X\nA [ 1 2 3 ]\nC [ 1 2 3 ]\nG [ 1 2 3 ]\n")
write("motifs/jaspar_unequal_rows.jaspar", ">MA1.1 X\nA [ 1 2 3 ]\nC [ 1 2 ]\nG [ 1 2 3 ]\nT [ 1 2 3 ]\n")
write("motifs/jaspar_text_count.jaspar", ">MA1.1 X\nA [ 1 2 x ]\nC [ 1 2 3 ]\nG [ 1 2 3 ]\nT [ 1 2 3 ]\n")
write("motifs/jaspar_negative_count.jaspar", ">MA1.1 X\nA [ 1 -2 3 ]\nC [ 1 2 3 ]\nG [ 1 2 3 ]\nT [ 1 2 3 ]\n")
write("motifs/jaspar_zero_column.jaspar", ">MA1.1 X\nA [ 1 0 3 ]\nC [ 1 0 3 ]\nG [ 1 0 3 ]\nT [ 1 0 3 ]\n")
write("motifs/empty.jaspar", "")
write("motifs/no_header.jaspar", "A [ 1 2 3 ]\nC [ 1 2 3 ]\nG [ 1 2 3 ]\nT [ 1 2 3 ]\n")
write("motifs/meme_no_matrix.meme", "MEME version 4\n\nALPHABET= ACGT\n\nMOTIF M1 one\n")
write("motifs/meme_three_columns.meme", "MEME version 4\n\nALPHABET= ACGT\n\nMOTIF M1 one\n"
      "letter-probability matrix: alength= 4 w= 2 nsites= 20\n0.25 0.25 0.5\n0.25 0.25 0.25 0.25\n")
write("motifs/meme_width_mismatch.meme", "MEME version 4\n\nALPHABET= ACGT\n\nMOTIF M1 one\n"
      "letter-probability matrix: alength= 4 w= 3 nsites= 20\n0.25 0.25 0.25 0.25\n0.25 0.25 0.25 0.25\n")
write("motifs/meme_probability_text.meme", "MEME version 4\n\nALPHABET= ACGT\n\nMOTIF M1 one\n"
      "letter-probability matrix: alength= 4 w= 1 nsites= 20\n0.25 x 0.25 0.25\n")

# model bundles, read by predict --model
def zip_bytes(entries):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return b.getvalue()

manifest = {"format": "regshift-model", "format_version": 3, "architecture": "cnn", "input_length": 80,
            "members": [{"file": "member_0.zip", "seed": 1}]}
write("bundles/corrupt.zip", bytes(random.getrandbits(8) for _ in range(2048)))
write("bundles/zip_slip.zip", zip_bytes([("model.json", json.dumps(manifest)), ("../escaped.txt", "x")]))
write("bundles/no_model_json.zip", zip_bytes([("notes.txt", "hello")]))
write("bundles/other_version/model.json", json.dumps(dict(manifest, format_version=99)))
write("bundles/other_format/model.json", json.dumps(dict(manifest, format="keras")))
write("bundles/not_json/model.json", "{ this is not json")
write("bundles/missing_member/model.json", json.dumps(manifest))
write("bundles/member_escapes/model.json", json.dumps(dict(manifest, members=[{"file": "../../etc/passwd"}])))
write("bundles/corrupt_member/model.json", json.dumps(manifest))
write("bundles/corrupt_member/member_0.zip", b"PK\x03\x04 not really a zip")
write("bundles/no_members/model.json", json.dumps(dict(manifest, members=[])))

# scenario files, read by redundancy --truth
write("scenario/no_truth/scenario.json", json.dumps({"library": "x", "motifs": []}))
write("scenario/not_json/scenario.json", "{\"library\": ")
write("motifs/meme_probabilities_not_summing_to_one.meme", "MEME version 4\n\nALPHABET= ACGT\n\nMOTIF M1 one\n"
      "letter-probability matrix: alength= 4 w= 1 nsites= 20\n0.5 0.5 0.5 0.5\n")
write("motifs/meme_nsites_zero.meme", "MEME version 4\n\nALPHABET= ACGT\n\nMOTIF M1 one\n"
      "letter-probability matrix: alength= 4 w= 1 nsites= 0\n0.25 0.25 0.25 0.25\n")
# the simulator's truth.tsv, read by explain --truth (scenario.json beside it)
write("truth_sites/no_sites_column/truth.tsv", "id\tactivity_ct1\ns0\t1.0\n")
write("truth_sites/no_sites_column/scenario.json", json.dumps({"motifs": [{"id": "M1", "length": 6}]}))
write("truth_sites/unknown_motif/truth.tsv", "id\tactivity_ct1\tsites\ns0\t1.0\tMX:3:+:0.9\n")
write("truth_sites/unknown_motif/scenario.json", json.dumps({"motifs": [{"id": "M1", "length": 6}]}))
write("counts/counts_summing_beyond_2_pow_63.tsv", "id\tbarcode\tdna_1\trna_1\n"
      "e1\tAAAA\t4611686018427387904\t1\ne1\tCCCC\t4611686018427387904\t1\ne2\tGGGG\t5\t5\n")


def zip_declaring(name, declared):
    """A bundle zip (model.json, then `name`) whose entry `name` declares `declared` bytes in its
    zip64 sizes but holds 1,000 deflated zeros: a bomb as the central directory announces it."""
    entries = [("model.json", json.dumps(manifest).encode(), None), (name, b"\0" * 1000, declared)]
    out, central = bytearray(), bytearray()
    for entry, raw, size in entries:
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        data = c.compress(raw) + c.flush()
        crc = zlib.crc32(raw)
        zip64 = size is not None
        extra = struct.pack("<HHQQ", 1, 16, size, len(data)) if zip64 else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if zip64 else (len(data), len(raw))
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0x21, crc, *sizes, len(entry), len(extra))
        out += entry.encode() + extra + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0x21, crc, *sizes, len(entry),
                               len(extra), 0, 0, 0, 0, offset)
        central += entry.encode() + extra
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + eocd)


write("bundles/declared_10GB_entry.zip", zip_declaring("member_0.zip", 10 * 10**9))
