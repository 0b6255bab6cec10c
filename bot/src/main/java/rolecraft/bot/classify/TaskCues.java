package rolecraft.bot.classify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import rolecraft.bot.domain.Capability;

/**
 * Keyword cues for what a task draws on, after O*NET's generalized work activities: deciding, solving problems,
 * judging quality and strategy (judgment); thinking creatively and designing (creativity); communicating,
 * advising, coaching, negotiating, selling and leading people (relationships); plus routine information processing.
 */
public final class TaskCues {

    /** The cue classes a word or phrase can belong to. */
    enum Kind { PEOPLE_LIVE, PEOPLE, CREATIVE, JUDGMENT, HIGH_STAKES, ROUTINE, REPLY, DECIDE }

    private static final Map<Kind, Set<String>> LEXICON = new EnumMap<>(Kind.class);

    /** People and things a task names (a customer, a vendor): evidence of people-facing work, weaker than a verb. */
    private static final Set<String> PEOPLE_NOUNS = Set.of("customer", "client", "stakeholder", "staff", "team",
            "donor", "patient", "student", "parent", "employee", "colleague", "guest", "visitor", "member", "public",
            "journalist", "media", "buyer", "prospect", "supplier", "vendor", "partner", "audience", "people",
            "letter", "email", "question", "enquiry", "inquiry", "complaint", "comment", "feedback", "contact");

    /** Chat's light verbs ("doing my rounds"), skipped when finding the lead verb. */
    private static final Set<String> LIGHT_VERBS = Set.of("do", "doing", "go", "going", "handle", "handling");

    /** Calling someone is a live conversation: a lead verb of this kind makes the task live interpersonal work. */
    private static final Set<String> CALL_VERBS = Set.of("call", "calling", "phone", "phoning", "ring", "ringing",
            "telephone", "telephoning");

    /** A hyphen inside a word joins it: "ad-hoc" is one word, never the cue 'ad'. */
    private static final Pattern INNER_HYPHEN = Pattern.compile("(?<=\\p{Alnum})-(?=\\p{Alnum})");

    static {
        add(Kind.PEOPLE_LIVE, "meet", "meeting", "coach", "coaching", "mentor", "counsel", "negotiate", "negotiation",
                "interview", "mediate", "comfort", "console", "persuade", "greet", "host", "chair", "supervise",
                "motivate", "visit", "network", "networking", "1:1", "1:1s", "1-1", "one on one", "one to one",
                "face to face", "in person", "teach", "tutor", "present", "presentation", "pitch", "demo", "sell",
                "close deal", "recruit", "onboard", "workshop", "standup", "retro", "grievance", "disciplinary",
                "consult with", "confer", "speak", "lecture", "show around", "train staff", "train people", "train new",
                "induction", "briefing", "bad news", "care for", "look after", "welcome", "entertain", "calm down",
                "de-escalate", "reassure",
                // Chat says what it is doing: "calming down angry customers", "coaching the new reps".
                "meeting with", "coaching", "mentoring", "counselling", "counseling", "negotiating", "interviewing",
                "mediating", "comforting", "consoling", "greeting", "supervising", "visiting", "teaching", "tutoring",
                "presenting", "pitching", "selling", "recruiting", "onboarding", "lecturing", "caring for",
                "looking after", "welcoming", "calming down", "de-escalating", "reassuring");
        add(Kind.PEOPLE_LIVE, "cold call", "cold calling", "radio", "radioing");
        // Replies to people, sent in the person's name: AI can draft them, the person sends them.
        add(Kind.REPLY, "answer", "answering", "respond", "responding", "reply", "replying", "write back",
                "writing back", "get back to", "getting back to");
        // The task is itself a judgment the person is accountable for: AI can do a first pass, never the call.
        add(Kind.DECIDE, "review", "reviewing", "approve", "approving", "sign off", "signing off", "decide",
                "deciding", "judge", "judging", "authorize", "authorise", "authorizing", "authorising", "diagnose",
                "diagnosing", "audit", "auditing", "verify", "verifying", "inspect", "inspecting", "certify", "certifying");
        add(Kind.PEOPLE, "email", "reply", "respond", "answer", "enquiry", "inquiry", "question", "letter",
                "customer", "client", "stakeholder", "staff", "team", "donor", "patient", "student", "parent",
                "complaint", "chase", "remind", "reminder", "explain", "advise", "advice", "communicate",
                "liaise", "collaborate", "discuss", "inform", "notify", "correspond", "employee", "colleague",
                "guest", "visitor", "member", "public", "journalist", "media", "buyer", "prospect", "supplier",
                "vendor", "partner", "audience", "comment", "feedback", "contact", "coordinate", "assist", "people");
        add(Kind.CREATIVE, "design", "create", "compose", "brainstorm", "idea", "invent", "illustrate", "illustration",
                "sketch", "draw", "paint", "photograph", "photo", "shoot", "video", "film", "music", "art", "artwork",
                "creative", "concept", "campaign", "slogan", "headline", "story", "script", "name", "brand", "logo",
                "layout", "mockup", "wireframe", "decorate", "improvise", "copy", "content", "post", "innovate",
                "prototype", "mural", "animation", "choreograph", "imagine", "develop new", "new product", "style",
                "colour", "color", "visual", "graphic", "blog", "speech", "advert", "ad", "description",
                "narrative", "newsletter", "proposal", "copywriting", "creatively", "original", "theme");
        add(Kind.JUDGMENT, "decide", "decision", "approve", "assess", "evaluate", "judge", "review", "analyze", "analyse",
                "analysis", "determine", "prioritize", "prioritise", "priority", "strategy", "strategic", "plan",
                "forecast", "estimate", "diagnose", "investigate", "audit", "inspect", "value", "valuation",
                "appraise", "risk", "resolve", "solve", "problem", "troubleshoot", "debug", "fix", "select", "choose",
                "recommend", "interpret", "verify", "check", "monitor", "budget", "policy", "sign off", "hire", "fire",
                "promote", "research", "test", "quality", "compliance", "legal", "law", "diligence", "model",
                "identify", "examine", "allocate", "direct", "manage", "oversee", "ensure", "establish");
        add(Kind.HIGH_STAKES, "decide", "decision", "approve the", "sign off", "authorize", "authorise", "hire",
                "fire", "promote", "dismiss", "strategy", "strategic", "priorities", "negotiate", "diagnose",
                "where the business", "bad news", "grievance", "disciplinary", "court", "judge", "value propertie",
                "assess job");
        add(Kind.ROUTINE, "write", "draft", "compile", "record", "enter", "input", "log", "file", "update", "maintain", "up to date",
                "track", "sort", "collect", "gather", "tabulate", "calculate", "compute", "process", "reconcile",
                "format", "transcribe", "type", "type up", "schedule", "book", "order", "pay", "invoice", "send",
                "distribute", "register", "archive", "report", "summarise", "summarize", "summary", "translate",
                "proofread", "convert", "data", "spreadsheet", "database", "system", "records", "number", "figure",
                "list", "catalog", "catalogue", "timesheet", "payroll", "expense", "receipt", "statement",
                "transaction", "categorise", "categorize", "match", "reconciliation", "notes", "minutes", "template",
                "form", "dashboard", "kpi", "price", "stock", "inventory", "password", "register", "tracker",
                "document", "documentation", "copy edit", "proofreading", "prepare", "fill in", "look up", "pull",
                "retrieve", "count", "total", "monitor", "check", "verify", "query", "script");
    }

    private static void add(Kind kind, String... words) {
        Set<String> set = LEXICON.computeIfAbsent(kind, k -> new LinkedHashSet<>());
        for (String w : words) {
            set.add(String.join(" ", cueTokens(w)));
        }
    }

    /** Tokens for cue matching: whole words, a hyphenated word kept as one. */
    static List<String> cueTokens(String text) {
        return TextFeatures.tokens(INNER_HYPHEN.matcher(text).replaceAll(""));
    }

    private TaskCues() {
    }

    /** Words and phrases of a task that matched each kind of cue, lead verb first. */
    record Hits(Map<Kind, List<String>> words, String leadVerb) {

        boolean has(Kind k) {
            return !words.get(k).isEmpty();
        }

        /**
         * Whether a cue of this kind governs the task: it is the lead verb, or it occurs and the lead verb names no
         * other activity (is not itself a routine, creative or judgment cue).
         */
        boolean governs(Kind k) {
            if (words.get(k).isEmpty()) {
                return false;
            }
            for (String w : words.get(k)) {
                if (w.equals(leadVerb) || w.startsWith(leadVerb + " ")) {
                    return true;
                }
            }
            for (Kind other : List.of(Kind.ROUTINE, Kind.CREATIVE, Kind.JUDGMENT)) {
                if (other != k && LEXICON.get(other).contains(leadVerb)) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the task's lead verb (or a phrase starting with it) is a cue of this kind. */
        boolean leads(Kind k) {
            for (String w : words.get(k)) {
                if (w.equals(leadVerb) || w.startsWith(leadVerb + " ")) {
                    return !leadVerb.isEmpty();
                }
            }
            return false;
        }

        /** Cue score of a kind: the lead verb counts double, a person or thing named (not an activity) half. */
        double score(Kind k) {
            double s = 0;
            for (String w : words.get(k)) {
                s += w.equals(leadVerb) ? 2 : PEOPLE_NOUNS.contains(w) ? 0.5 : 1;
            }
            return s;
        }
    }

    /** Finds the cue words of a task (unigrams, bigrams and trigrams of its stemmed tokens). */
    static Hits find(String task) {
        List<String> toks = cueTokens(task);
        List<String> grams = new ArrayList<>(toks);
        for (int n = 2; n <= 3; n++) {
            for (int i = 0; i + n <= toks.size(); i++) {
                grams.add(String.join(" ", toks.subList(i, i + n)));
            }
        }
        Map<Kind, List<String>> words = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            List<String> hit = new ArrayList<>();
            for (String g : grams) {
                if (LEXICON.get(k).contains(g) && !hit.contains(g)) {
                    hit.add(g);
                }
            }
            words.put(k, hit);
        }
        String lead = TextFeatures.leadVerb(toks);
        if (LIGHT_VERBS.contains(lead)) {
            // "doing interviews", "going to codes": the activity is the word after the light verb.
            lead = TextFeatures.leadVerb(toks.subList(toks.indexOf(lead) + 1, toks.size()));
        }
        if (CALL_VERBS.contains(lead) && !words.get(Kind.PEOPLE_LIVE).contains(lead)) {
            // Only as the lead verb: "call vendors" is a conversation, "rapid response calls" are not.
            words.get(Kind.PEOPLE_LIVE).add(0, lead);
        }
        return new Hits(words, lead);
    }

    /**
     * Capability of a task from its cue words, or null when it has none. Scores: live-interaction cues count 2 when
     * they govern the task (else 1), other people, creative and judgment cues 1, routine information-processing cues
     * 0.5 towards judgment, the lead verb twice; ties go to relationships, then creativity.
     */
    public static Capability capabilityOf(String task) {
        return capability(find(task));
    }

    /** Capability of the given cues (see {@link #capabilityOf}). */
    static Capability capability(Hits h) {
        double people = (h.governs(Kind.PEOPLE_LIVE) ? 2 : 1) * h.score(Kind.PEOPLE_LIVE) + h.score(Kind.PEOPLE);
        double creative = h.score(Kind.CREATIVE);
        double judgment = h.score(Kind.JUDGMENT) + h.score(Kind.HIGH_STAKES) + 0.5 * h.score(Kind.ROUTINE);
        if (people == 0 && creative == 0 && judgment == 0) {
            return null;
        }
        if (people >= creative && people >= judgment) {
            return Capability.RELATIONSHIPS;
        }
        return creative >= judgment ? Capability.CREATIVITY : Capability.JUDGMENT;
    }
}
