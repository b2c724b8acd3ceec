// lib0 (yjs' utility library) binds crypto.getRandomValues when it loads; yjs uses it for client ids. V8 embedded in
// .NET has no Web Crypto, so the host lends random bytes from the operating system's CSPRNG
// (System.Security.Cryptography.RandomNumberGenerator) through globalThis.CoPLiveHost.fillRandom(Uint8Array).
// Bytes are fetched a block at a time because a host call costs far more than copying a few bytes.
// This module is imported before yjs so that it runs first.

const BlockSize = 1024
const MaxRequest = 65536 // the Web Crypto limit

if (typeof globalThis.crypto?.getRandomValues !== 'function') {
  const host = globalThis.CoPLiveHost
  if (host == null) {
    throw new Error('CoPLiveHost.fillRandom must be provided before the Yjs bundle runs')
  }
  const block = new Uint8Array(BlockSize)
  let used = BlockSize
  const take = (target) => {
    let written = 0
    while (written < target.length) {
      if (used === BlockSize) {
        host.fillRandom(block)
        used = 0
      }
      const n = Math.min(BlockSize - used, target.length - written)
      target.set(block.subarray(used, used + n), written)
      // never hand out the same bytes twice
      block.fill(0, used, used + n)
      used += n
      written += n
    }
  }
  globalThis.crypto = {
    getRandomValues (array) {
      if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
        throw new TypeError('getRandomValues needs an integer typed array')
      }
      if (array.byteLength > MaxRequest) {
        throw new RangeError('getRandomValues can fill at most 65536 bytes at a time')
      }
      take(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
      return array
    }
  }
}
