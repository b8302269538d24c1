/** The largest memoryLimit: the engine counts its heap in a 32-bit size_t, where more would wrap. */
export const MAX_MEMORY_LIMIT = 2 ** 32 - 1
