package io.tsfm.core.data.npy;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.data.DataFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads NumPy's {@code .npz} format: a zip archive of {@code .npy} files, one per named array. Only the
 * arrays asked for are decoded, so an archive that also holds object (pickled) arrays can still be read
 * as long as those are not requested. Works on a stream, so an {@code .npz} inside another archive needs
 * no temporary file. Stateless and thread-safe.
 */
@Internal
public final class Npz {
    private Npz() {}

    /**
     * Reads the named arrays.
     *
     * @param in    the {@code .npz} bytes
     * @param file  the archive's name, for messages (errors name {@code file/array.npy})
     * @param names array names without {@code .npy}
     * @return name → array, in archive order
     * @throws DataFormatException when a requested array is missing, malformed, or of an unsupported dtype
     */
    public static Map<String, NpyArray> read(InputStream in, String file, Set<String> names) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipInputStream zin = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                String entry = e.getName();
                if (!entry.endsWith(".npy")) continue;
                String name = entry.substring(0, entry.length() - 4);
                if (!names.contains(name)) continue;
                out.put(name, Npy.read(zin, file + "/" + entry));
            }
        } catch (ZipException | EOFException ex) {
            // a cut or corrupt archive surfaces as one of these from the zip stream
            throw new DataFormatException(file, 0, 0, "not a readable .npz (zip) archive, truncated or corrupt: "
                    + ex.getMessage(), ex);
        }
        for (String n : names) {
            if (!out.containsKey(n)) {
                throw new DataFormatException(file, 0, 0, "no array '" + n + "' (" + n + ".npy) in the archive");
            }
        }
        return out;
    }
}
