package rolecraft.bot.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Exposure;

/**
 * A small keyword rule set: routine information work is automated, people work stays human, the rest is
 * AI-assisted. Instant to build and with no model to load, it stands in for {@link ModelClassifier} where the advice
 * itself is not under test (dialogue, store and surface tests).
 */
public final class RuleClassifier implements Classifier {

    private static final Pattern ROUTINE = words("compile", "enter", "data entry", "record", "log", "file",
            "schedule", "transcribe", "format", "summari[sz]e", "reconcile", "invoice", "invoices", "process",
            "report", "reports", "numbers", "spreadsheet", "collect", "track", "copy", "translate", "fill",
            "book", "update", "minutes", "timesheet", "expenses", "notes", "tag", "categori[sz]e", "sort",
            "check", "proofread", "calculate", "tabulate", "list", "lists", "catalog", "catalogue", "archive",
            "document", "draft");
    private static final Pattern PEOPLE = words("coach", "coaching", "mentor", "mentoring", "negotiate",
            "negotiation", "interview", "interviews", "1:1", "1:1s", "one-on-one", "one-on-ones", "lead", "counsel",
            "hire", "hiring", "conflict", "onboard", "onboarding", "visit", "visits", "welcome", "motivate",
            "comfort", "console", "persuade", "network", "networking", "relationship", "relationships",
            "teach", "train", "training", "supervise", "manage the team", "my team", "team", "staff");
    private static final Pattern JUDGMENT = words("decide", "decision", "decisions", "approve", "approval",
            "prioriti[sz]e", "assess", "evaluate", "judge", "strategy", "strategic", "plan", "planning", "budget",
            "risk", "risks", "diagnose", "investigate", "audit", "solve", "troubleshoot", "forecast", "analy[sz]e",
            "review", "reviews", "allocate", "triage", "policy", "resolve", "determine", "select");
    private static final Pattern CREATIVITY = words("design", "designs", "create", "brainstorm", "invent",
            "copy", "concept", "concepts", "campaign", "campaigns", "story", "stories", "illustrate", "prototype",
            "compose", "innovate", "ideas", "idea", "write", "develop", "content", "brand", "creative", "craft",
            "imagine", "new");
    private static final Pattern RELATIONS = words("customer", "customers", "client", "clients", "stakeholder",
            "stakeholders", "present", "presentation", "presentations", "call", "calls", "meet", "meeting",
            "meetings", "talk", "advise", "liaise", "partner", "partners", "sell", "sales", "vendor", "vendors",
            "negotiate", "coach", "mentor", "interview", "1:1", "1:1s", "one-on-one", "team", "staff",
            "colleagues", "people", "answer", "respond", "support", "help", "email", "emails");

    @Override
    public Classification classify(String task) {
        String t = task.toLowerCase(Locale.ROOT);
        List<String> routine = hits(ROUTINE, t);
        List<String> people = hits(PEOPLE, t);
        int judgment = hits(JUDGMENT, t).size();
        int creativity = hits(CREATIVITY, t).size();
        int relations = hits(RELATIONS, t).size() + people.size();
        Capability capability = Capability.JUDGMENT;
        if (relations > judgment && relations >= creativity) {
            capability = Capability.RELATIONSHIPS;
        } else if (creativity > judgment && creativity > relations) {
            capability = Capability.CREATIVITY;
        }
        if (!people.isEmpty()) {
            return new Classification(Exposure.E0, AiRole.HUMAN, capability, 0.6,
                    "people work (" + quote(people) + ") stays human", null);
        }
        if (!routine.isEmpty() && judgment == 0 && relations == 0) {
            return new Classification(Exposure.E1, AiRole.AUTOMATE, capability, 0.6,
                    "routine information work (" + quote(routine) + "): AI can do it, you review", null);
        }
        if (!routine.isEmpty() || judgment + creativity + relations > 0) {
            return new Classification(Exposure.E2, AiRole.AUGMENT, capability, 0.5,
                    "AI can draft and check parts; your " + capability.word() + " leads", null);
        }
        // A stand-in in tests of the conversation, the store and the surfaces: it never counts as unsure, so that
        // their scripts are not asked about its calls (the tests of asking set a classifier of their own).
        return new Classification(Exposure.E1, AiRole.AUGMENT, capability, Classification.UNSURE_BELOW,
                "no strong signal either way: AI can likely assist", null);
    }

    private static Pattern words(String... words) {
        return Pattern.compile("(?<![\\p{L}\\d])(" + String.join("|", words) + ")(?![\\p{L}\\d])");
    }

    private static List<String> hits(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String quote(List<String> words) {
        return "'" + String.join("', '", words.stream().distinct().limit(3).toList()) + "'";
    }
}
