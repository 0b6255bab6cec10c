package rolecraft.bot.understand;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finds the worry or question about the exercise itself in a message: is this to replace me, who sees it… */
public final class Worries {

    /** What a worry is about; each has its answer in prompts/worry.txt. */
    public enum Theme {
        REPLACEMENT, EVALUATION, WHO_SEES, HUMAN_CONTACT, WHY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Cue(Theme theme, Pattern pattern) {
    }

    // Bounded alternations over short words: each pattern is matched with find() and runs in linear time.
    private static final List<Cue> CUES = List.of(
            new Cue(Theme.HUMAN_CONTACT, Pattern.compile(
                    "\\b(?:talk|speak|chat)\\s+(?:to|with)\\s+(?:a\\s+|an\\s+)?(?:real\\s+|actual\\s+)?"
                            + "(?:person|human|someone|somebody|people|hr)\\b"
                            + "|\\breal\\s+(?:person|human)\\b|\\bhuman\\s+being\\b|\\bcontact\\s+(?:someone|somebody|hr)\\b")),
            new Cue(Theme.REPLACEMENT, Pattern.compile(
                    "\\breplac(?:e|es|ed|ing)\\s+(?:me|us|my|our|people|staff|workers|nurses|jobs?)\\b"
                            + "|\\b(?:lose|losing|take|taking|cut|cutting)\\s+(?:my|our|(?:\\w+\\s+)?jobs?)\\b"
                            + "|\\bcut(?:ting)?\\s+(?:\\w+\\s+)?(?:staff|staffing|headcount|jobs|positions|people)\\b"
                            + "|\\blay\\s?offs?\\b|\\blaid\\s+off\\b|\\bredundan\\w*|\\bget(?:ting)?\\s+fired\\b"
                            + "|\\bfire\\s+(?:me|us)\\b|\\bheadcount\\b|\\bdownsiz\\w*|\\bout\\s+of\\s+a\\s+job\\b"
                            + "|\\bam\\s+i\\s+(?:being\\s+|going\\s+to\\s+be\\s+)?replaced\\b|\\bmy\\s+job\\s+(?:safe|secure)\\b"
                            // "is this gonna be used to cut techs?", "will AI take over my role", "are they using this to…"
                            + "|\\b(?:is|will|are|would|could|does)\\s+(?:this|it|ai|they|you|management|the\\s+company)\\s+"
                            + "(?:\\w+\\s+){0,5}?(?:cut|cutting|fire|firing|replac\\w*|get\\s+rid|getting\\s+rid|eliminat\\w*|lay\\s+off"
                            + "|laying\\s+off|downsiz\\w*|take\\s+over\\s+(?:my|our)|automate\\s+(?:me|us|my|our))\\b"
                            + "|\\bso\\s+(?:they|you|management|the\\s+company)\\s+can\\s+(?:cut|fire|replace|get\\s+rid)\\b")),
            new Cue(Theme.EVALUATION, Pattern.compile(
                    "\\bevaluat\\w*|\\bperformance\\s+(?:review|rating|appraisal)|\\bappraisal\\b"
                            + "|\\b(?:used|held|count(?:ed)?)\\s+against\\s+me\\b|\\bmy\\s+(?:rating|bonus|pay\\s+rise)\\b"
                            + "|\\bjudg(?:e|ed|ing)\\s+me\\b|\\bgrad(?:e|ed|ing)\\s+me\\b")),
            new Cue(Theme.WHO_SEES, Pattern.compile(
                    "\\bwho\\s+(?:else\\s+)?(?:sees|can\\s+see|will\\s+see|gets\\s+to\\s+see|reads|has\\s+access|sees?\\s+this)\\b"
                            + "|\\bis\\s+(?:this|it)\\s+(?:private|confidential|anonymous)\\b"
                            + "|\\bwho\\s+(?:is|will\\s+be)\\s+(?:this|it)\\s+shared\\b|\\bshared\\s+with\\s+(?:who|whom|hr)\\b"
                            + "|\\bwhere\\s+does\\s+(?:this|it)\\s+(?:go|end\\s+up)\\b"
                            + "|\\b(?:will|can|does|do|would|is|are)\\s+(?:my\\s+|the\\s+|our\\s+)?(?:manager|boss|hr|team"
                            + "|colleagues|coworkers|anyone|everyone|people|they|company|employer|director)\\s+"
                            + "(?:going\\s+to\\s+)?(?:see|read|know|get|have\\s+access)\\b"
                            + "|\\b(?:is|will)\\s+(?:this|it|any\\s+of\\s+this)\\s+(?:be\\s+)?(?:shared|kept\\s+private|private"
                            + "|confidential|anonymous)\\b|\\bwho\\s+(?:gets|will\\s+get|will\\s+read)\\s+(?:this|it)\\b"
                            // "will dr liu see everything i write here??": someone, by name, seeing what is written here.
                            + "|\\b(?:will|can|does|do|would|is|are)\\s+(?:[\\w.']+\\s+){1,3}?(?:going\\s+to\\s+|gonna\\s+)?"
                            + "(?:see|read)\\s+(?:this|it|that|everything|what\\s+i|my\\s+answers?|any\\s+of\\s+(?:this|it)"
                            + "|all\\s+(?:of\\s+)?(?:this|it))\\b")),
            new Cue(Theme.WHY, Pattern.compile(
                    "\\bwhy\\s+(?:am\\s+i|are\\s+we|do\\s+i|should\\s+i|do\\s+we|is\\s+this)\\b"
                            + "|\\bwhat(?:'s|\\s+is)\\s+(?:the\\s+point|this\\s+for|it\\s+for)\\b"
                            + "|\\bpoint\\s+of\\s+(?:this|all\\s+this)\\b")));

    private Worries() {
    }

    /** The theme of the worry a message voices, if it voices one. */
    public static Optional<Theme> theme(CharSequence message) {
        Folded text = Folded.of(message);
        if (text.length() > 400) {
            // A long message is work being described, not a worry; a pasted job description may say "headcount".
            return Optional.empty();
        }
        for (Cue cue : CUES) {
            if (cue.pattern().matcher(text).find()) {
                return Optional.of(cue.theme());
            }
        }
        return Optional.empty();
    }
}
