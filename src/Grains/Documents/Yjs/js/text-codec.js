// TextEncoder and TextDecoder (UTF-8 only) for V8 embedded in .NET, which has neither. lib0 checks for them when it
// loads, so this module is imported before yjs. Without them lib0 falls back to a string decoder that trusts the
// length prefix: a ten-byte update that claims a string of 2^50 bytes would keep the engine busy for ever. The
// decoder here is strict (fatal: malformed UTF-8 throws), like lib0's own TextDecoder('utf-8', { fatal: true }).

const Replacement = 0xfffd
const ChunkSize = 8192

class Utf8Encoder {
  get encoding () {
    return 'utf-8'
  }

  encode (input = '') {
    const str = String(input)
    const bytes = new Uint8Array(str.length * 3)
    return bytes.slice(0, this.encodeInto(str, bytes).written)
  }

  encodeInto (input, destination) {
    const str = String(input)
    let read = 0
    let written = 0
    while (read < str.length) {
      let code = str.charCodeAt(read)
      let units = 1
      if (code >= 0xd800 && code <= 0xdbff && read + 1 < str.length) {
        const next = str.charCodeAt(read + 1)
        if (next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00)
          units = 2
        }
      }
      if (code >= 0xd800 && code <= 0xdfff) {
        code = Replacement // a lone surrogate
      }
      const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
      if (written + size > destination.length) {
        break
      }
      if (size === 1) {
        destination[written++] = code
      } else if (size === 2) {
        destination[written++] = 0xc0 | (code >> 6)
        destination[written++] = 0x80 | (code & 0x3f)
      } else if (size === 3) {
        destination[written++] = 0xe0 | (code >> 12)
        destination[written++] = 0x80 | ((code >> 6) & 0x3f)
        destination[written++] = 0x80 | (code & 0x3f)
      } else {
        destination[written++] = 0xf0 | (code >> 18)
        destination[written++] = 0x80 | ((code >> 12) & 0x3f)
        destination[written++] = 0x80 | ((code >> 6) & 0x3f)
        destination[written++] = 0x80 | (code & 0x3f)
      }
      read += units
    }
    return { read, written }
  }
}

class Utf8Decoder {
  constructor (label = 'utf-8', options = {}) {
    if (!/^utf-?8$/i.test(String(label))) {
      throw new RangeError(`only UTF-8 is supported, not ${label}`)
    }
    this.fatal = options.fatal === true
    this.ignoreBOM = options.ignoreBOM === true
  }

  get encoding () {
    return 'utf-8'
  }

  decode (input = new Uint8Array(0)) {
    const bytes = input instanceof Uint8Array
      ? input
      : ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input)
    const fail = () => {
      if (this.fatal) {
        throw new TypeError('The encoded data was not valid UTF-8')
      }
      return Replacement
    }
    let result = ''
    let units = []
    const push = (code) => {
      if (code >= 0x10000) {
        code -= 0x10000
        units.push(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff))
      } else {
        units.push(code)
      }
      if (units.length >= ChunkSize) {
        result += String.fromCharCode.apply(null, units)
        units = []
      }
    }
    let i = 0
    if (!this.ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      i = 3
    }
    while (i < bytes.length) {
      const b = bytes[i]
      if (b < 0x80) {
        push(b)
        i++
        continue
      }
      let size, min, code
      if (b >= 0xc2 && b <= 0xdf) {
        size = 2; min = 0x80; code = b & 0x1f
      } else if (b >= 0xe0 && b <= 0xef) {
        size = 3; min = 0x800; code = b & 0x0f
      } else if (b >= 0xf0 && b <= 0xf4) {
        size = 4; min = 0x10000; code = b & 0x07
      } else {
        push(fail())
        i++
        continue
      }
      let valid = i + size <= bytes.length
      for (let k = 1; valid && k < size; k++) {
        const c = bytes[i + k]
        if ((c & 0xc0) !== 0x80) {
          valid = false
        } else {
          code = (code << 6) | (c & 0x3f)
        }
      }
      if (!valid || code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        push(fail())
        i++
        continue
      }
      push(code)
      i += size
    }
    return result + String.fromCharCode.apply(null, units)
  }
}

if (typeof globalThis.TextEncoder === 'undefined') {
  globalThis.TextEncoder = Utf8Encoder
}
if (typeof globalThis.TextDecoder === 'undefined') {
  globalThis.TextDecoder = Utf8Decoder
}
