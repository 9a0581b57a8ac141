package io.scv.cli;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's local file system ({@code file:}) without a process per call. Without Hadoop's native library, which
 * Maven does not ship, {@link RawLocalFileSystem} runs {@code chmod} for every file and folder it creates with a
 * permission and {@code readlink} for every status it looks up before a rename: 385 processes in a 1M run (a
 * Delta commit renames its log entry and checksum, a checkpoint or Parquet task creates files), some 12–25 ms each
 * on two cores. Here Java's file API does the same two things in the process. What it cannot do (a sticky bit, a
 * file store without POSIX permissions, a real symbolic link) still goes to Hadoop's own code.
 *
 * <p>{@link SparkSessionFactory} installs it as {@code fs.file.impl}, and {@link ShellFreeLocalFs} for
 * {@code FileContext} (Delta's log store renames through that API).
 */
public class ShellFreeLocalFileSystem extends LocalFileSystem {
    public ShellFreeLocalFileSystem() {
        super(new Raw());
    }

    /** The raw (checksum-free) local file system underneath; also what {@link ShellFreeLocalFs} delegates to. */
    public static class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            Set<PosixFilePermission> posix = posix(permission);
            if (posix == null) {
                super.setPermission(p, permission);
                return;
            }
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), posix);
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            }
        }

        /** A path that is no symbolic link has the status {@code getFileStatus} gives; Hadoop asks a shell. */
        @Override
        public FileStatus getFileLinkStatus(Path f) throws IOException {
            if (!Files.isSymbolicLink(pathToFile(f).toPath())) {
                return getFileStatus(f);
            }
            return super.getFileLinkStatus(f);
        }
    }

    /** The POSIX permissions of {@code permission}; null when it has a bit they cannot express (sticky). */
    static Set<PosixFilePermission> posix(FsPermission permission) {
        if (permission.getStickyBit()) {
            return null;
        }
        var set = EnumSet.noneOf(PosixFilePermission.class);
        add(set, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        add(set, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE);
        add(set, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        return set;
    }

    private static void add(Set<PosixFilePermission> set, FsAction action, PosixFilePermission read,
                            PosixFilePermission write, PosixFilePermission execute) {
        if (action.implies(FsAction.READ)) {
            set.add(read);
        }
        if (action.implies(FsAction.WRITE)) {
            set.add(write);
        }
        if (action.implies(FsAction.EXECUTE)) {
            set.add(execute);
        }
    }
}
