package io.tsfm.simulation.dataset;

import io.tsfm.core.data.DataFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One motion clip as its archive's manifest lists it.
 *
 * @param archive     short archive name: {@code cmu}, {@code hdm05} or {@code bandai}
 * @param id          clip id within the archive (CMU trial, HDM05 file stem, Bandai file stem)
 * @param path        the BVH or AMC file inside the zip
 * @param asf         the ASF file of an AMC clip, else empty
 * @param fps         the capture rate to use (the manifest's, which corrects two CMU headers)
 * @param subject     performer id, archive-prefixed ({@code cmu_02}, {@code hdm05_bd}); Bandai-Namco: its style ({@code bandai_happy})
 * @param activity    the manifest's activity column
 * @param detail      what distinguishes clips within an activity: CMU description, HDM05 motion class, Bandai content
 * @param manifest    manifest file name, for messages
 * @param line        manifest line
 */
public record Clip(String archive, String id, String path, String asf, double fps, String subject, String activity,
                   String detail, String manifest, long line) {

    /** Clips of one archive's manifest text; {@code archive} is {@code cmu}, {@code hdm05} or {@code bandai}. */
    static List<Clip> fromManifest(String archive, String text, String file) {
        List<Clip> out = new ArrayList<>();
        for (Csv.Row r : Csv.parse(text, file)) {
            switch (archive) {
                case "cmu":
                    out.add(new Clip(archive, r.get("trial"), r.get("path_in_zip"), "", fps(r, "fps_to_use", file),
                            String.format(Locale.ROOT, "cmu_%02d", Integer.parseInt(require(r, "subject", file))),
                            r.get("activity"), r.get("description"), file, r.line()));
                    break;
                case "hdm05":
                    out.add(new Clip(archive, r.get("clip"), r.get("path_in_zip"), require(r, "asf_in_zip", file),
                            fps(r, "fps", file), "hdm05_" + require(r, "actor", file), r.get("activity"), r.get("motion_class"),
                            file, r.line()));
                    break;
                case "bandai":
                    // the three actors are not identified per clip; the style (15 of them, each a full set of
                    // contents) stands in as subject, so that a subject-wise split does not move the whole archive,
                    // half of the motion, to one side
                    out.add(new Clip(archive, r.get("clip"), r.get("path_in_zip"), "", fps(r, "fps", file),
                            "bandai_" + require(r, "style", file),
                            r.get("activity"), r.get("content"), file, r.line()));
                    break;
                default:
                    throw new IllegalArgumentException("unknown archive " + archive);
            }
            Clip c = out.get(out.size() - 1);
            if (c.id.isEmpty() || c.path.isEmpty()) throw new DataFormatException(file, r.line(), 0, "clip id or path_in_zip is empty");
        }
        return out;
    }

    private static String require(Csv.Row r, String column, String file) {
        String v = r.get(column);
        if (v.isBlank()) throw new DataFormatException(file, r.line(), 0, "column '" + column + "' is empty");
        return v;
    }

    private static double fps(Csv.Row r, String column, String file) {
        String v = require(r, column, file);
        try {
            double d = Double.parseDouble(v);
            if (d > 0) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFormatException(file, r.line(), 0, "column '" + column + "' is not a positive frame rate: '" + v + "'");
    }

    /** The session id prefix: archive and clip. */
    public String key() {
        return archive + "_" + id;
    }
}
