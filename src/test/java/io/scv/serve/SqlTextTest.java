package io.scv.serve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqlTextTest {
    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        String text = "SELECT 'a;b', \"c;d\", `e;f` -- g;h\n; /* i; /* nested; */ j; */ SELECT 2;; ";
        assertEquals(List.of("SELECT 'a;b', \"c;d\", `e;f` -- g;h", "/* i; /* nested; */ j; */ SELECT 2"),
                SqlText.split(text));
    }

    @Test
    void aBackslashEscapesAQuoteButNotInARawString() {
        assertEquals(List.of("SELECT 'it\\'s; still one'", "SELECT 2"),
                SqlText.split("SELECT 'it\\'s; still one'; SELECT 2"));
        assertEquals(List.of("SELECT r'C:\\'", "SELECT 2"), SqlText.split("SELECT r'C:\\'; SELECT 2"));
    }

    @Test
    void blanksAndCommentsAloneAreNoStatement() {
        assertEquals(List.of(), SqlText.split("  ; -- nothing\n /* at all */ ;"));
    }

    @Test
    void placeholdersAreReplacedOnlyInCode() {
        String sql = "SELECT $1, '$1', \"$2\" -- $2\n, $10 FROM t WHERE x = $2";
        assertEquals(10, SqlText.maxPlaceholder(sql));
        var literals = List.of("'a'", "(-2)", "3", "4", "5", "6", "7", "8", "9", "10L");
        assertEquals("SELECT  'a' , '$1', \"$2\" -- $2\n,  10L  FROM t WHERE x =  (-2) ", SqlText.bind(sql, literals));
    }

    @Test
    void aPlaceholderBeyondTheBoundParametersFails() {
        var e = assertThrows(SqlStateException.class, () -> SqlText.bind("SELECT $2", List.of("1")));
        assertEquals("08P01", e.sqlState());
    }

    @Test
    void normalizedDropsCommentsBlanksAndCase() {
        assertEquals("set application_name = 'my app'",
                SqlText.normalized("  SET /* c */ application_name\n\t=  'My App' ; "));
        assertEquals("SELECT", SqlText.firstWord("-- lead\n ((select 1))"));
    }
}
