#!/usr/bin/env node
/*
 * summer.js: recpipe's summer stage in Node.js, with a stock CBOR library (cbor-x).
 *
 * Reads records [seq, [integers...]] on stdin and writes [seq, sum] records on stdout, the same
 * bytes as summer writes, so it can stand in for summer anywhere, fanout included:
 *
 *     reader rows.csv | fanout -n 2 node examples/node/summer.js | writer
 *
 * Install its one dependency first: `npm ci` in this directory.
 *
 * It streams: it decodes each chunk of stdin as it comes (64 KiB, or what a pipe had ready), keeps
 * only a record cut at the chunk's end for the next one, and writes the chunk's sums with one write.
 *
 * Exit status: 0 success; 1 bad input or an I/O failure, with a one-line message on stderr naming
 * the record's byte offset, after the sums of the records before it and an abort mark (ff) so that
 * the stages downstream fail too (docs/FORMAT.md); 143, 130, 129 stopped by SIGTERM, SIGINT, SIGHUP
 * (and 128 + N by the other signals the Java tools take as SIGTERM: SIGUSR1, SIGALRM, SIGXCPU, ...),
 * after the sums written so far and the mark (without it, a stage stopped between two writes leaves
 * a shorter stream that reads as whole, and `writer -o` would take it for the output); 141 stdout
 * closed early, quietly.
 *
 * What cbor-x can't tell apart, so this stage accepts where summer refuses: a float holding a small
 * integer (1.0 decodes as the number 1), and a seq or an integer written as a bignum (2(h'05')
 * decodes as 5n, as 1b 00 00 00 00 00 00 00 05 does). What it can't read where summer can: a bignum
 * on an indefinite-length byte string.
 */
import { fstatSync } from 'node:fs'
import { Decoder, Encoder } from 'cbor-x'

const CHUNK = 64 * 1024
const ABORT_MARK = Buffer.of(0xff)
const MAX_SEQ = 2n ** 63n - 1n
const TWO_TO_32 = 2 ** 32
/**
 * The signals that stop the stage with the mark, and their numbers: it exits 128 + the number, as a
 * shell reports. The Java tools' list (Tool's STOP_SIGNALS): every signal whose default ends a process
 * outright but SIGSEGV, SIGBUS, SIGILL and SIGFPE (SIGABRT, SIGTRAP and SIGSYS sent from outside too:
 * a real abort(3) raises SIGABRT again at its default once the handler returns); and SIGQUIT, a
 * terminal's Ctrl-\, which the JVM answers with a thread dump. Left at that default (SIGXCPU from a
 * CPU time limit, SIGALRM, SIGQUIT's core dump, ...), they ended the stage with no mark, and writer
 * -o put the sums before them in place, exit 0; SIGUSR1, node's signal to start its debugger, left
 * it running to end well.
 */
const STOP_SIGNALS = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGTRAP: 5, SIGABRT: 6, SIGUSR1: 10, SIGUSR2: 12, SIGALRM: 14, SIGTERM: 15,
  SIGSTKFLT: 16, SIGXCPU: 24, SIGVTALRM: 26, SIGPROF: 27, SIGIO: 29, SIGPWR: 30, SIGSYS: 31
}

const decoder = new Decoder({ useRecords: false })
const encoder = new Encoder({ useRecords: false })

/** Input that is not a stream of summer's records, or a failed read or write; the message says where. */
class BadInput extends Error {}

/** A record of the wrong shape; sumRecords adds where it starts. */
class BadRecord extends Error {
  constructor (message, seq) {
    super(message)
    this.seq = seq
  }
}

let stopped = false // a signal came: nothing more is written but the mark
let marked = false

async function main () {
  process.stdout.on('error', stdoutFailed)
  for (const signal of Object.keys(STOP_SIGNALS)) process.on(signal, () => stop(128 + STOP_SIGNALS[signal]))
  const input = new Window()
  try {
    // node reads a directory as an empty stream: the stage wrote nothing and exited 0, and writer -o
    // after it put an empty file in place; summer fails so, in these words
    if (fstatSync(0).isDirectory()) throw new BadInput('stdin: Is a directory')
    for await (const chunk of process.stdin) {
      if (input.add(chunk)) await write(input.takeSums())
    }
    if (input.held > 0) await write(input.takeSums())
    input.checkEnd()
  } catch (error) {
    if (error.sums) await write(error.sums) // the sums of the records before the bad one still go out, whole
    await writeMark()
    process.stderr.write(`summer.js: ${error.message}\n`)
    process.exitCode = 1
  }
}

/**
 * The bytes of stdin not decoded yet, with their stream offset. A record cut at the end of a chunk
 * is decoded again, from its start, once more bytes came; one longer than a chunk once it has
 * doubled, so that a long record is decoded a few times over, not once per chunk.
 */
class Window {
  constructor () {
    this.chunks = []
    this.held = 0 // bytes in chunks
    this.base = 0 // stream offset of the first of them
    this.retryAt = 0 // bytes to hold before decoding a cut record again
  }

  /** Adds a chunk of input; true when there is something to decode. */
  add (chunk) {
    this.chunks.push(chunk)
    this.held += chunk.length
    return this.held >= this.retryAt
  }

  /** The encoded [seq, sum] records of the whole records held; keeps a cut one. */
  takeSums () {
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.held)
    const { sums, used } = sumRecords(data, this.base)
    this.base += used
    this.chunks = used < data.length ? [data.subarray(used)] : []
    this.held = data.length - used
    this.retryAt = this.held >= CHUNK ? 2 * this.held : 0
    return sums
  }

  checkEnd () {
    if (this.held > 0) {
      throw new BadInput(`truncated record at byte offset ${this.base}: input ends at byte offset ${this.base + this.held} inside it`)
    }
  }
}

/**
 * Decodes the records in data, a part of stdin from stream offset base, and sums them: the encoded
 * sums and the bytes used, which stop before a record cut at the end of data.
 */
function sumRecords (data, base) {
  const sums = []
  try {
    decoder.decodeMultiple(data, (record) => { sums.push(encodeRecord(...sumRecord(record))) })
    return { sums: Buffer.concat(sums), used: data.length }
  } catch (error) {
    // decodeMultiple sets lastPosition, on its errors and on those of the callback, to the start of
    // the record it was decoding; incomplete means the data ends inside it
    if (error.incomplete) return { sums: Buffer.concat(sums), used: error.lastPosition }
    const bad = new BadInput(describeError(error, base + error.lastPosition, data[error.lastPosition]))
    bad.sums = Buffer.concat(sums)
    throw bad
  }
}

function describeError (error, offset, firstByte) {
  if (error instanceof BadRecord) {
    const where = error.seq === undefined ? `record at byte offset ${offset}` : `record seq ${error.seq} (byte offset ${offset})`
    return `${where}: ${error.message}`
  }
  if (firstByte === ABORT_MARK[0]) return `input ends with an abort mark at byte offset ${offset}: an earlier stage failed`
  return `record at byte offset ${offset}: invalid CBOR: ${error.message}`
}

/** [seq, sum] of a decoded record [seq, [integers...]]. */
function sumRecord (record) {
  if (!Array.isArray(record) || record.length !== 2) {
    throw new BadRecord(`expected a record, an array of two elements [seq, value], found ${describe(record)}`)
  }
  const [seq, row] = record
  if (!isInteger(seq) || seq < 0 || seq > MAX_SEQ) {
    throw new BadRecord(`expected a seq, an integer from 0 to 2^63-1, found ${describe(seq)}`)
  }
  if (!Array.isArray(row)) throw new BadRecord(`expected an array of integers, found ${describe(row)}`, seq)
  return [seq, sumRow(row, seq)]
}

/** The exact sum: in a number while it is a safe integer, else in a BigInt. */
function sumRow (row, seq) {
  let small = 0
  let big = null
  for (const value of row) {
    if (!isInteger(value)) throw new BadRecord(`expected an array of integers, found ${describe(value)} in it`, seq)
    if (big === null && typeof value === 'number' && Number.isSafeInteger(small + value)) {
      small += value
    } else {
      big = (big === null ? BigInt(small) : big) + BigInt(value)
    }
  }
  return big === null ? small : big
}

/**
 * Whether a decoded value is a CBOR integer. cbor-x decodes integers to numbers from -2^32 to 2^32-1
 * and to BigInts beyond (8-byte heads, bignums), so a number outside that range was a float.
 */
function isInteger (value) {
  return typeof value === 'bigint' || (Number.isInteger(value) && value >= -TWO_TO_32 && value < TWO_TO_32)
}

/**
 * [seq, sum] as summer writes it: every integer in its shortest form, bignums only beyond 64 bits.
 *
 * cbor-x writes a number as the shortest integer only from -2^32 to 2^32-1 (beyond, as a float64),
 * and a BigInt as an integer with an 8-byte argument (even when fewer bytes would do), or as a
 * bignum beyond 64 bits. Handing it a number within 32 bits and a BigInt beyond gives the shortest
 * form either way. One value is left: cbor-x writes -2^64 as a bignum, though it fits a plain
 * negative integer (3b ff ff ff ff ff ff ff ff), so that one is written by hand.
 */
function encodeRecord (seq, sum) {
  if (sum === -(2n ** 64n)) {
    return Buffer.concat([Buffer.of(0x82), encoder.encode(shortest(seq)), Buffer.from('3bffffffffffffffff', 'hex')])
  }
  return encoder.encode([shortest(seq), shortest(sum)])
}

/** The integer as a number within 32 bits, as a BigInt beyond: what cbor-x encodes shortest. */
function shortest (n) {
  const within32Bits = n >= -TWO_TO_32 && n < TWO_TO_32
  return within32Bits ? Number(n) : BigInt(n)
}

function describe (value) {
  if (value === null || value === undefined) return String(value)
  if (isInteger(value)) return 'an integer'
  if (typeof value === 'number') return 'a float'
  if (typeof value === 'string') return 'a text string'
  if (typeof value === 'boolean') return 'a boolean'
  if (value instanceof Uint8Array) return 'a byte string'
  if (Array.isArray(value)) return `an array of ${value.length}`
  return 'a map or a tagged item'
}

/** Writes to stdout; resolves once the bytes are handed to it, so that memory stays bounded. Never, once stopped. */
function write (bytes) {
  if (stopped) return new Promise(() => {})
  if (bytes.length === 0) return Promise.resolve()
  return new Promise((resolve) => process.stdout.write(bytes, (error) => { if (!error) resolve() }))
}

/** The abort mark, once, and not to a terminal; resolves once it is written. */
function writeMark () {
  if (marked || process.stdout.isTTY) return Promise.resolve()
  marked = true
  return new Promise((resolve) => process.stdout.write(ABORT_MARK, (error) => { if (!error) resolve() }))
}

/**
 * A signal: the mark after the sums handed to stdout so far, then exit. Those sums are whole records,
 * and stdout writes them in order, so the mark comes after the last whole one, not inside a record.
 * It waits for them and the mark for as long as the downstream keeps the pipe open, as the Java tools
 * do: it exited after 2 s, once, with what the pipe had taken, and where that ended at a record's end
 * a busy downstream read a clean end (writer -o put part of the sums in place, exit 0). A downstream
 * that has gone fails the write (stdoutFailed), and the stage exits then.
 */
function stop (status) {
  if (stopped) return
  stopped = true
  writeMark().then(() => process.exit(status))
}

function stdoutFailed (error) {
  if (error.code !== 'EPIPE') process.stderr.write(`summer.js: writing stdout: ${error.message}\n`)
  process.exit(error.code === 'EPIPE' ? 141 : 1) // stdout closed early (`| head`) ends quietly
}

main()
