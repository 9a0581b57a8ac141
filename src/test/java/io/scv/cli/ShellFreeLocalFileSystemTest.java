package io.scv.cli;

import io.scv.testing.SparkTestSession;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsCreateModes;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.*;

/** The local file system without chmod and readlink processes does what Hadoop's does, where Delta relies on it. */
class ShellFreeLocalFileSystemTest {
    @TempDir
    static java.nio.file.Path dir;
    private static FileSystem fs;

    @BeforeAll
    static void open() throws IOException {
        fs = new ShellFreeLocalFileSystem();
        fs.initialize(URI.create("file:///"), new Configuration());
    }

    @Test
    void aFileCreatedWithAPermissionHasIt() throws IOException {
        Path file = new Path(dir.resolve("a.txt").toUri());
        try (var out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
            out.write("x".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.txt"))));
        fs.setPermission(file, new FsPermission((short) 0755));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.txt"))));
        assertEquals(new FsPermission((short) 0755), fs.getFileStatus(file).getPermission());
    }

    @Test
    void foldersMadeWithAPermissionHaveIt() throws IOException {
        assertTrue(fs.mkdirs(new Path(dir.resolve("p/q").toUri()), new FsPermission((short) 0700)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("p/q"))));
    }

    @Test
    void aStickyBitIsLeftToHadoop() {
        assertNull(ShellFreeLocalFileSystem.posix(new FsPermission((short) 01777)));
        assertEquals("rwxrw-r--", PosixFilePermissions.toString(
                ShellFreeLocalFileSystem.posix(new FsPermission((short) 0764))));
    }

    /** FileContext hands over a permission with its umask applied, whose text is not {@code rwxr-x---}. */
    @Test
    void aPermissionWithItsUmaskMapsToItsMaskedBits() {
        var masked = FsCreateModes.applyUMask(new FsPermission((short) 0666), new FsPermission((short) 022));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(ShellFreeLocalFileSystem.posix(masked)));
    }

    @Test
    void aLinkStatusOfAPlainFileIsItsStatusAndAMissingFileIsNotFound() throws IOException {
        Path file = new Path(dir.resolve("plain.txt").toUri());
        Files.writeString(dir.resolve("plain.txt"), "abc");
        var status = fs.getFileLinkStatus(file);
        assertFalse(status.isSymlink());
        assertEquals(3, status.getLen());
        assertThrows(FileNotFoundException.class,
                () -> fs.getFileLinkStatus(new Path(dir.resolve("missing.txt").toUri())));
    }

    /** Delta's log store commits by a rename that must fail when the entry exists: that makes a commit atomic. */
    @Test
    void fileContextRenamesWithoutOverwritingAndTheSessionUsesThisFileSystem() throws Exception {
        Configuration conf = SparkTestSession.get().sparkContext().hadoopConfiguration();
        assertInstanceOf(ShellFreeLocalFileSystem.class, FileSystem.newInstance(URI.create("file:///"), conf));
        var context = FileContext.getFileContext(URI.create("file:///"), conf);
        assertInstanceOf(ShellFreeLocalFs.class, context.getDefaultFileSystem());
        Path from = new Path(dir.resolve("entry.tmp").toUri());
        Path to = new Path(dir.resolve("00000.json").toUri());
        try (var out = context.create(from, EnumSet.of(CreateFlag.CREATE),
                Options.CreateOpts.createParent())) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        context.rename(from, to, Options.Rename.NONE);
        assertEquals("{}", Files.readString(dir.resolve("00000.json")));
        assertFalse(Files.exists(dir.resolve("entry.tmp")));
        Files.writeString(dir.resolve("other.tmp"), "[]");
        assertThrows(FileAlreadyExistsException.class,
                () -> context.rename(new Path(dir.resolve("other.tmp").toUri()), to, Options.Rename.NONE));
        assertEquals("{}", Files.readString(dir.resolve("00000.json")));
    }
}
