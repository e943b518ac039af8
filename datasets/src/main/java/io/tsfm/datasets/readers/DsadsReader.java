package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DatasetBuilder;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.SampleBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DSADS, the Daily and Sports Activities dataset (Altun, Barshan and Tunçel 2010), in its published
 * layout {@code data/a<NN>/p<M>/s<KK>.txt}: activity 01..19, subject 1..8, segment 01..60; each file is
 * one 5 s segment, 125 lines at 25 Hz of 45 comma-separated values (5 Xsens units × 9: accelerometer
 * m/s², gyroscope rad/s, magnetometer). As in the reference, only the torso unit (columns 1-9) is read
 * and each segment is one session. The magnetometer values are kept as published (unit {@code "a.u."}).
 * A bad line ends its segment's session there; the lines after it form a second part.
 */
public final class DsadsReader extends SeedFactsReader {
    private static final Pattern FILE = Pattern.compile("(.*/)?a(\\d{2})/p(\\d+)/s(\\d{2})\\.txt");
    private static final int COLUMNS = 45;
    private static final int TORSO = 9;
    private static final double RATE = 25.0;
    private static final String[] ACTIVITY = {null, "sitting", "standing", "lying_back", "lying_side", "stairs_up",
            "stairs_down", "standing_elevator", "moving_elevator", "walking_parking", "walking_treadmill_flat",
            "walking_treadmill_incline", "running_treadmill", "exercising_stepper", "exercising_cross_trainer",
            "cycling_horizontal", "cycling_vertical", "rowing", "jumping", "playing_basketball"};

    private final List<Channel> channels = new ArrayList<>();

    public DsadsReader() {
        super("dsads", "https://archive.ics.uci.edu/dataset/256/daily+and+sports+activities",
                "'data/a01/p1/s01.txt' ... 'data/a19/p8/s60.txt'",
                "CC BY 4.0 (UCI Machine Learning Repository)",
                "Altun, Barshan, Tunçel. Comparative study on classifying human activities with miniature inertial "
                        + "and magnetic sensors. Pattern Recognition 43(10), 2010.",
                Map.of(SensorKind.ACCELEROMETER, "m/s^2",
                        SensorKind.GYROSCOPE, "rad/s",
                        SensorKind.MAGNETOMETER, "a.u. (as published)"),
                "none");
        channels.addAll(facts().triaxial("acc", SensorKind.ACCELEROMETER, "torso"));
        channels.addAll(facts().triaxial("gyro", SensorKind.GYROSCOPE, "torso"));
        channels.addAll(facts().triaxial("mag", SensorKind.MAGNETOMETER, "a.u.", "torso"));
    }

    @Override
    public List<Channel> channels() {
        return List.copyOf(channels);
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        DatasetBuilder out = builder();
        int files = 0;
        for (String e : source.entries()) {
            Matcher m = FILE.matcher(e);
            if (!m.matches()) continue;
            files++;
            int activity = Integer.parseInt(m.group(2));
            if (activity < 1 || activity >= ACTIVITY.length) {
                out.problems().error(e, 0, 0, "activity folder a" + m.group(2) + " is not one of a01..a19; file skipped");
                continue;
            }
            readSegment(source, e, activity, m.group(3), m.group(4), out);
        }
        if (files == 0) throw notFound(source, "data/a<NN>/p<M>/s<KK>.txt");
        return out.build();
    }

    private void readSegment(DatasetSource source, String file, int activity, String subject, String segment,
                             DatasetBuilder out) throws IOException {
        String baseId = String.format(Locale.ROOT, "a%02d_p%s_s%s", activity, subject, segment);
        List<SampleBuffer.Run> parts = RecordingFile.read(source, file,
                DelimitedText.Format.delimited(',').columns(COLUMNS), TORSO, (r, row) -> {
                    for (int c = 0; c < TORSO; c++) row[c] = (float) r.number(c);
                }, out.problems());
        for (int i = 0; i < parts.size(); i++) {
            SampleBuffer.Run p = parts.get(i);
            out.fillMissing(p.samples(), file, p.firstLine());
            out.add(new Session(RecordingFile.partId(baseId, i), name(), subject, facts().activity(ACTIVITY[activity]),
                    RATE, channels, p.samples(), file + ":" + p.firstLine() + "-" + p.lastLine()));
        }
    }
}
