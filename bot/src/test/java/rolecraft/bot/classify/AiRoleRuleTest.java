package rolecraft.bot.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Exposure;

/** ai_role: the model decides; live interpersonal work stays human by definition; cue words never decide alone. */
class AiRoleRuleTest {

    private static final double[] LIKELY_AUTOMATE = {0.7, 0.2, 0.1};
    private static final double[] LIKELY_HUMAN = {0.1, 0.2, 0.7};

    private static AiRoleRule.Decision decide(double[] roleP, String task) {
        TaskCues.Hits h = TaskCues.find(task);
        Capability cap = TaskCues.capability(h) == null ? Capability.JUDGMENT : TaskCues.capability(h);
        return AiRoleRule.decide(AiRole.values()[argmax(roleP)], roleP, cap, h);
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        return best;
    }

    @Test
    void the_model_decides_and_its_probability_is_the_confidence() {
        AiRoleRule.Decision a = decide(LIKELY_AUTOMATE, "enter invoices into the ledger");
        assertEquals(AiRole.AUTOMATE, a.role());
        assertEquals(0.7, a.confidence(), 1e-9);
        AiRoleRule.Decision h = decide(LIKELY_HUMAN, "enter invoices into the ledger");
        assertEquals(AiRole.HUMAN, h.role());
        assertEquals(0.7, h.confidence(), 1e-9);
        assertEquals(AiRole.AUGMENT, decide(new double[] {0.3, 0.5, 0.2}, "write social media posts").role());
    }

    @Test
    void live_interpersonal_work_is_human_by_definition() {
        for (String t : new String[] {"coach junior analysts", "negotiate contracts with suppliers", "1:1s with my team",
            "doing interviews with candidates", "calming down angry customers", "de-escalating angry customers"}) {
            AiRoleRule.Decision d = decide(LIKELY_AUTOMATE, t);
            assertEquals(AiRole.HUMAN, d.role(), t);
            assertEquals(0.3, d.confidence(), 1e-9, t);
        }
    }

    @Test
    void a_cue_word_that_does_not_lead_the_task_never_decides() {
        assertEquals(AiRole.AUTOMATE, decide(LIKELY_AUTOMATE, "e-filing documents with the court").role());
        assertEquals(AiRole.AUTOMATE, decide(LIKELY_AUTOMATE, "book meeting rooms").role());
        assertEquals(AiRole.AUTOMATE, decide(LIKELY_AUTOMATE, "enter the approved budget into the ledger").role());
        assertEquals(AiRole.AUTOMATE, decide(LIKELY_AUTOMATE, "log rapid response calls").role());
        assertEquals(AiRole.AUTOMATE, decide(LIKELY_AUTOMATE, "file the answers to the audit").role());
    }

    @Test
    void calling_people_is_live_interpersonal_work() {
        for (String t : new String[] {"call vendors", "calling suppliers about late deliveries", "phone the bank"}) {
            AiRoleRule.Decision d = decide(LIKELY_AUTOMATE, t);
            assertEquals(AiRole.HUMAN, d.role(), t);
            assertEquals(0.3, d.confidence(), 1e-9, t);
        }
    }

    @Test
    void a_reply_or_a_judgment_of_the_persons_own_is_at_most_augment() {
        for (String t : new String[] {"answer customer emails", "replying to complaint emails",
            "review contracts before signature", "privilege review", "approve the marketing budget"}) {
            AiRoleRule.Decision d = decide(LIKELY_AUTOMATE, t);
            assertEquals(AiRole.AUGMENT, d.role(), t);
            // The probability that AI can do at least about half of it: automate's and augment's.
            assertEquals(0.9, d.confidence(), 1e-9, t);
        }
        assertTrue(decide(LIKELY_AUTOMATE, "answer customer emails").reason().startsWith(
                "a reply to people ('answer', 'customer', 'email'): AI drafts it, you send it"));
        assertTrue(decide(LIKELY_AUTOMATE, "privilege review").reason().startsWith(
                "a judgment that is yours ('review'): AI does the first pass"));
        // Never moved towards automation: a human call stays human.
        assertEquals(AiRole.HUMAN, decide(LIKELY_HUMAN, "review the patient's chart").role());
    }

    @Test
    void cues_match_whole_words_in_context() {
        assertTrue(TaskCues.find("ad-hoc reports for the boss").words().get(TaskCues.Kind.CREATIVE).isEmpty());
        assertFalse(TaskCues.find("write an ad for the paper").words().get(TaskCues.Kind.CREATIVE).isEmpty());
        assertNotEquals(Capability.RELATIONSHIPS, TaskCues.capabilityOf("log the rare thank god moments"));
        assertNotEquals(Capability.RELATIONSHIPS, TaskCues.capabilityOf("culture microbiology specimens"));
        assertEquals(Capability.JUDGMENT, TaskCues.capabilityOf("reconcile vendor invoices"));
        assertEquals(Capability.CREATIVITY, TaskCues.capabilityOf("write campaign copy for our email newsletter"));
    }

    @Test
    void an_automated_task_naming_people_or_decisions_says_they_stay_the_persons() {
        String reason = decide(LIKELY_AUTOMATE, "update patient records after each visit").reason();
        assertFalse(reason.contains("no people"), reason);
        assertTrue(reason.contains("'patient'") && reason.contains("stay yours"), reason);
        String plain = decide(LIKELY_AUTOMATE, "compile the weekly report").reason();
        assertTrue(plain.startsWith("tasks like this are mostly routine processing ('compile', 'report')"), plain);
    }

    @Test
    void a_role_less_likely_right_than_wrong_is_asked_not_asserted() {
        AiRoleRule.Decision close = decide(new double[] {0.45, 0.40, 0.15}, "update the rota");
        Classification asked = new Classification(Exposure.E2, close.role(), Capability.JUDGMENT,
                close.confidence(), close.reason(), null);
        assertTrue(asked.unsure(), asked.toString());
        AiRoleRule.Decision clear = decide(LIKELY_AUTOMATE, "update the rota");
        assertFalse(new Classification(Exposure.E2, clear.role(), Capability.JUDGMENT,
                clear.confidence(), clear.reason(), null).unsure());
        assertTrue(Classification.unknown().unsure());
    }

    @Test
    void end_to_end_clear_cases() {
        ModelClassifier c = SharedClassifier.get();
        Classification oneToOne = c.classify("1:1s with my team");
        assertEquals(AiRole.HUMAN, oneToOne.aiRole(), oneToOne.toString());
        Classification emails = c.classify("answer customer emails");
        assertTrue(emails.aiRole() != AiRole.AUTOMATE || emails.reason().contains("'customer'"), emails.toString());
        Classification notes = c.classify("type up handwritten notes");
        assertNotEquals(AiRole.HUMAN, notes.aiRole(), notes.toString());
        Classification codes = c.classify("codes and rapid responses");
        // Never asserted as automate: either another role, or unsure and asked of the employee.
        assertTrue(codes.aiRole() != AiRole.AUTOMATE || codes.unsure(), codes.toString());
        assertFalse(codes.reason().contains("'code'"), codes.toString());
        for (String t : new String[] {"ICU shift handoff to the oncoming nurse", "privilege review on the doc production",
            "update patient charts"}) {
            Classification k = c.classify(t);
            assertFalse(k.reason().contains("no people or judgment"), k.toString());
        }
    }
}
