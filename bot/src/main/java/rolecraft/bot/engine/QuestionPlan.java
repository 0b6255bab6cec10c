package rolecraft.bot.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Answer;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Question;
import rolecraft.bot.domain.Task;

/**
 * Which questions a person is asked, in what order and in what words, from what their draft already tells: the
 * work that leads their week brings its question forward, an answer that already says what a later question asks
 * answers it, and people their tasks name are not asked for again.
 */
final class QuestionPlan {

    /** A capability leads the week when its tasks take at least this share of it (percent). */
    static final double LEADS = 40;
    /** An answer tells who the person works with when the answers so far name at least this many of them. */
    static final int PEOPLE_TOLD = 2;

    /** Words that say the person knows something that lives in their head (not "I don't know", not "you know"). */
    private static final Pattern KNOWS = Pattern.compile("(?<!n't\\s)(?<!not\\s)(?<!you\\s)(?<!dunno\\s)\\bknow(?:s|ing|n)?\\b"
            + "|\\bknow-how\\b|\\bknowledge\\b|\\bexperience\\b|\\b(?:years|yrs)\\s+(?:of|in)\\b|\\binstincts?\\b|\\bgut\\s+(?:feel|feeling|sense)\\b"
            + "|\\bin\\s+my\\s+head\\b|\\bquirks?\\b|\\bwritten\\s+down\\b|\\bunwritten\\b|\\bsixth\\s+sense\\b"
            + "|\\bfeel\\s+for\\b|\\bread(?:ing)?\\s+(?:a|the)\\s+(?:room|scene|patient|smoke|situation)\\b",
            Pattern.CASE_INSENSITIVE);
    /** Words that say the person makes a call others depend on. */
    private static final Pattern DECIDES = Pattern.compile("\\bdecid(?:e|es|ing)\\s+(?:who|what|which|whether|when|how|if)\\b"
            + "|\\b(?:i|we)\\s+decide\\b|\\bmy\\s+call\\b|\\bjudge?ment\\s+calls?\\b|\\bsign(?:s|ing)?\\s+off\\s+on\\b"
            + "|\\bmake\\s+the\\s+call\\b", Pattern.CASE_INSENSITIVE);
    /** "That's it", "no one else": the people already named are all there is. */
    private static final Pattern NOBODY_ELSE = Pattern.compile("^(?:(?:um+|uh+|hmm+|well|nah|no)[,.\\s]+)?(?:no\\s*(?:one|body)\\s+else"
            + "|nobody|no\\s+one|none|no\\s+others?|not\\s+really|that'?s\\s+(?:it|all|about\\s+it)|just\\s+(?:them|those|those\\s+two)"
            + "|those\\s+are\\s+(?:the\\s+)?(?:main\\s+)?ones|only\\s+them)(?:\\s+really)?[\\s.!]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+|\\n+");

    /** People a task or an answer can name, each as the draft says it. */
    private static final Map<Pattern, String> PEOPLE = new LinkedHashMap<>();

    static {
        people("patients?", "patients");
        people("famil(?:y|ies)|relatives|next\\s+of\\s+kin", "families");
        people("parents?", "parents");
        people("students?|pupils?", "students");
        people("doctors?|docs|physicians?|surgeons?|consultants?", "doctors");
        people("charge\\s+nurses?", "the charge nurse");
        people("pharmac(?:y|ies|ists?)", "the pharmacy");
        people("residents?", "residents");
        people("clients?", "clients");
        people("customers?", "customers");
        people("guests?", "guests");
        people("vendors?|suppliers?", "vendors");
        people("carriers?|hauliers?|truckers?", "carriers");
        people("drivers?", "drivers");
        people("brokers?", "brokers");
        people("contractors?|subcontractors?", "contractors");
        people("crews?|firefighters?", "the crew");
        people("judges?|the\\s+bench", "the judge");
        people("attorneys?|lawyers?|counsel|prosecutors?|public\\s+defenders?", "attorneys");
        people("court|chambers", "the court");
        people("police|officers?", "the police");
        people("pet\\s+owners?|owners?", "owners");
        people("vets?|veterinarians?", "the vets");
        people("housekeeping", "housekeeping");
        people("front\\s+desk", "the front desk");
        people("chefs?|kitchen", "the kitchen");
        people("auditors?|regulators?|inspectors?", "auditors and regulators");
        people("colleagues?|co-?workers|teammates?|team", "the team");
        people("managers?|boss|supervisors?", "managers");
        people("stakeholders?", "stakeholders");
        people("partners?", "partners");
        people("donors?|volunteers?", "donors and volunteers");
        people("paramedics?|ems|dispatch(?:ers?)?", "dispatch and EMS");
        people("technicians?|techs", "technicians");
        people("candidates?|applicants?|recruiters?", "candidates");
        people("tenants?|landlords?", "tenants");
        people("warehouse", "the warehouse");
        people("witnesses|witness|jurors?|jury", "witnesses and jurors");
    }

    private static void people(String regex, String shown) {
        PEOPLE.put(Pattern.compile("(?<![\\p{L}-])(?:" + regex + ")(?![\\p{L}-])", Pattern.CASE_INSENSITIVE), shown);
    }

    private QuestionPlan() {
    }

    /**
     * The order the questions come in for these tasks: what makes the work theirs first, then the question nearest
     * the work that leads their week (the people when most of it is relationships, the decisions otherwise), and
     * the rest as always.
     */
    static List<Question> order(List<Task> tasks) {
        if (leading(tasks).orElse(null) == Capability.RELATIONSHIPS) {
            return List.of(Question.IDENTITY, Question.STAKEHOLDERS, Question.DECISIONS, Question.TACIT_KNOWLEDGE,
                    Question.CLEAN_SHEET, Question.SKILLS);
        }
        return List.of(Question.values());
    }

    /** The capability whose tasks take the most of the week, when that is at least {@link #LEADS} percent. */
    static Optional<Capability> leading(List<Task> tasks) {
        double[] pct = Shares.normalise(tasks).percent();
        double[] by = new double[Capability.values().length];
        for (int i = 0; i < tasks.size() && i < pct.length; i++) {
            if (tasks.get(i).capability() != null && tasks.get(i).aiRole() != AiRole.AUTOMATE) {
                by[tasks.get(i).capability().ordinal()] += pct[i];
            }
        }
        int best = 0;
        for (int c = 1; c < by.length; c++) {
            if (by[c] > by[best] + 1e-9) {
                best = c;
            }
        }
        return by[best] >= LEADS ? Optional.of(Capability.values()[best]) : Optional.empty();
    }

    /** The values a question's template reads, besides its number: how it is worded for this person. */
    static Params wording(Question q, Draft d) {
        Params p = Params.of();
        Optional<Capability> lead = leading(d.tasks());
        switch (q) {
            case DECISIONS -> {
                if (lead.orElse(null) == Capability.JUDGMENT) {
                    p.put("judgment_tasks", quoted(biggest(d.tasks(), Capability.JUDGMENT)));
                }
            }
            case STAKEHOLDERS -> {
                p.put("people", joined(known(d, q)));
                if (lead.orElse(null) == Capability.RELATIONSHIPS) {
                    p.put("relationships", true).put("people_tasks", quoted(biggest(d.tasks(), Capability.RELATIONSHIPS)));
                }
            }
            case CLEAN_SHEET -> p.put("frees_time", freesTime(d.tasks()));
            default -> {
            }
        }
        return p;
    }

    /** True when AI takes part in some task, so that some time may be freed. */
    static boolean freesTime(List<Task> tasks) {
        return tasks.stream().anyMatch(t -> t.aiRole() != AiRole.HUMAN);
    }

    /**
     * What {@code answer} (just given to another question) already tells for {@code later}, as the draft should keep
     * it, or empty: the sentences that say what only they know, or what they decide; the people the tasks and
     * answers name, once the answers (this one, already in {@code d}, naming some) name at least {@link #PEOPLE_TOLD}.
     */
    static Optional<String> told(Question later, String answer, Draft d) {
        return switch (later) {
            case TACIT_KNOWLEDGE -> sentenceWith(answer, KNOWS);
            case DECISIONS -> sentenceWith(answer, DECIDES);
            case STAKEHOLDERS -> {
                List<String> texts = d.answers().stream().filter(a -> !a.skipped() && a.question() != Question.STAKEHOLDERS)
                        .map(Answer::text).toList();
                List<String> named = people(texts);
                yield named.size() >= PEOPLE_TOLD && !people(List.of(answer)).isEmpty()
                        ? Optional.of(joined(known(d, Question.STAKEHOLDERS))) : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    /**
     * The answer kept for the people question: what they said, after the people their tasks and answers already
     * named that the reply leaves out; only those when the reply says there is nobody else. Empty when the reply is
     * "nobody else" and nobody was named.
     */
    static Optional<String> stakeholders(String reply, Draft d) {
        List<String> known = known(d, Question.STAKEHOLDERS);
        if (NOBODY_ELSE.matcher(reply.strip()).matches()) {
            return known.isEmpty() ? Optional.empty() : Optional.of(joined(known));
        }
        List<String> said = people(List.of(reply));
        List<String> missing = known.stream().filter(k -> !said.contains(k)).toList();
        return Optional.of(missing.isEmpty() ? reply : joined(missing) + "; " + reply);
    }

    /** True when a reply to the people question says the people already named are all there is. */
    static boolean nobodyElse(String reply) {
        return NOBODY_ELSE.matcher(reply.strip()).matches();
    }

    /** The people the draft's tasks and its answers (but the one to {@code except}) name, tasks first. */
    static List<String> known(Draft d, Question except) {
        List<String> texts = new ArrayList<>();
        d.tasks().forEach(t -> texts.add(t.text()));
        d.answers().stream().filter(a -> !a.skipped() && a.question() != except).forEach(a -> texts.add(a.text()));
        return people(texts);
    }

    /** The people {@code texts} name, each once, in the order first named. */
    static List<String> people(List<String> texts) {
        List<String> out = new ArrayList<>();
        Map<Integer, String> at = new java.util.TreeMap<>();
        for (String text : texts) {
            at.clear();
            for (Map.Entry<Pattern, String> e : PEOPLE.entrySet()) {
                Matcher m = e.getKey().matcher(text);
                if (m.find()) {
                    at.putIfAbsent(m.start(), e.getValue());
                }
            }
            for (String shown : at.values()) {
                if (!out.contains(shown)) {
                    out.add(shown);
                }
            }
        }
        return out;
    }

    /** The texts of the (at most two) biggest tasks drawing on {@code c} that the person does or leads. */
    static List<String> biggest(List<Task> tasks, Capability c) {
        double[] pct = Shares.normalise(tasks).percent();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < tasks.size() && i < pct.length; i++) {
            if (tasks.get(i).capability() == c && tasks.get(i).aiRole() != AiRole.AUTOMATE) {
                idx.add(i);
            }
        }
        idx.sort((a, b) -> Double.compare(pct[b], pct[a]));
        return idx.stream().limit(2).map(i -> tasks.get(i).text()).toList();
    }

    /** "a", "a and b", "a, b and c". */
    static String joined(List<String> items) {
        if (items.isEmpty()) {
            return null;
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String quoted(List<String> items) {
        return joined(items.stream().map(t -> "\"" + t + "\"").toList());
    }

    /** The sentences of {@code text} that {@code p} finds something in, or empty. */
    private static Optional<String> sentenceWith(String text, Pattern p) {
        List<String> found = new ArrayList<>();
        for (String s : SENTENCE_END.split(text.strip())) {
            if (p.matcher(s).find()) {
                found.add(s.strip());
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", found));
    }
}
