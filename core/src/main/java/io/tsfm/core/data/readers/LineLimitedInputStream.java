package io.tsfm.core.data.readers;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that ends after a given number of '\n'-terminated lines of the underlying one. Not thread-safe. */
final class LineLimitedInputStream extends FilterInputStream {
    private long linesLeft;
    private boolean done;

    LineLimitedInputStream(InputStream in, long lines) {
        super(in);
        this.linesLeft = lines;
        this.done = lines <= 0;
    }

    @Override
    public int read() throws IOException {
        if (done) return -1;
        int b = super.read();
        if (b == '\n' && --linesLeft == 0) done = true;
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (done) return -1;
        int n = in.read(buf, off, len);
        if (n <= 0) return n;
        for (int i = off; i < off + n; i++) {
            if (buf[i] == '\n' && --linesLeft == 0) {
                done = true;
                // the bytes after this newline belong to lines beyond the limit; drop them
                return i - off + 1;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = 0;
        while (k < n && read() >= 0) k++;
        return k;
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
