/**
 * The edge client's durable local spool: records that could not be published while the broker was
 * unreachable are appended here and replayed, in order, on reconnect.
 *
 * <h2>On-disk layout</h2>
 * One directory per spool holding:
 * <ul>
 *   <li>{@code spool-<firstOffset, 20 digits>.seg}: append-only segment files. Every record gets the next
 *       logical offset (0, 1, 2, ...); the offsets inside one segment are contiguous from the offset in its name.</li>
 *   <li>{@code spool.ack}: the committed read position (the next offset to replay), replaced atomically
 *       (write temporary file, fsync, rename, fsync directory).</li>
 *   <li>{@code spool.lock}: held with an OS file lock while a {@link io.tsfm.edge.spool.Spool} is open.</li>
 *   <li>{@code corrupt/}: bytes cut out of a segment because of corruption in its middle are copied here
 *       before the segment is truncated, so recovery never destroys evidence.</li>
 * </ul>
 *
 * <h2>Record frame</h2>
 * Big-endian:
 * <pre>
 *   int    bodyLength            bytes that follow the CRC
 *   int    crc32c                CRC-32C of the body
 *   body:
 *     byte   formatVersion       1
 *     long   offset              logical record offset
 *     long   timestampMillis     when the record was appended
 *     short  topicLength         unsigned, UTF-8 bytes
 *     byte[] topic
 *     int    keyLength           -1 for no key
 *     byte[] key
 *     byte[] payload             the rest of the body
 * </pre>
 * A frame is intact when its length fits the file, its CRC matches and its header is consistent; recovery
 * ({@link io.tsfm.edge.spool.RecoveryEvent}) cuts every segment at its first frame that is not.
 */
package io.tsfm.edge.spool;
