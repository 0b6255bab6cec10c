package rolecraft.bot.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Exposure;

/** The ai_role rule on fixed inputs, and end to end on clear-cut tasks. */
class AiRoleRuleTest {

    private static AiRole role(Exposure e, double conf, double pE0, String task) {
        TaskCues.Hits h = TaskCues.find(task);
        Capability cap = TaskCues.capability(h) == null ? Capability.JUDGMENT : TaskCues.capability(h);
        return AiRoleRule.decide(e, conf, pE0, cap, h).role();
    }

    @Test
    void e0_is_always_human() {
        assertEquals(AiRole.HUMAN, role(Exposure.E0, 0.9, 0.9, "enter invoices into the ledger"));
    }

    @Test
    void confident_routine_information_processing_is_automated() {
        assertEquals(AiRole.AUTOMATE, role(Exposure.E2, 0.75, 0.05, "enter invoices into the ledger"));
        assertEquals(AiRole.AUTOMATE, role(Exposure.E1, 0.70, 0.05, "transcribe audio recordings"));
        assertEquals(AiRole.AUTOMATE, role(Exposure.E1, 0.70, 0.05, "write up meeting notes"));
        assertEquals(AiRole.AUTOMATE, role(Exposure.E2, 0.65, 0.10, "compile the weekly sales report"));
    }

    @Test
    void routine_but_uncertain_is_augmented() {
        assertEquals(AiRole.AUGMENT, role(Exposure.E2, 0.50, 0.10, "enter invoices into the ledger"));
        assertEquals(AiRole.AUGMENT, role(Exposure.E2, 0.75, 0.20, "enter invoices into the ledger"));
    }

    @Test
    void exposed_but_people_facing_is_augmented_not_automated() {
        assertEquals(AiRole.AUGMENT, role(Exposure.E1, 0.90, 0.02, "answer customer emails"));
        assertEquals(AiRole.AUGMENT, role(Exposure.E1, 0.90, 0.02, "send payment reminders to clients"));
    }

    @Test
    void live_interpersonal_work_is_human_even_when_exposed() {
        assertEquals(AiRole.HUMAN, role(Exposure.E1, 0.90, 0.02, "coach junior analysts"));
        assertEquals(AiRole.HUMAN, role(Exposure.E2, 0.90, 0.02, "negotiate contracts with suppliers"));
        assertEquals(AiRole.HUMAN, role(Exposure.E1, 0.90, 0.02, "1:1s with my team"));
    }

    @Test
    void accountable_judgment_calls_are_human() {
        assertEquals(AiRole.HUMAN, role(Exposure.E2, 0.90, 0.02, "approve the marketing budget"));
        assertEquals(AiRole.HUMAN, role(Exposure.E1, 0.90, 0.02, "decide which features to build next"));
    }

    @Test
    void creative_and_judgment_work_is_augmented() {
        assertEquals(AiRole.AUGMENT, role(Exposure.E1, 0.90, 0.02, "write social media posts"));
        assertEquals(AiRole.AUGMENT, role(Exposure.E1, 0.90, 0.02, "come up with campaign ideas"));
        assertEquals(AiRole.AUGMENT, role(Exposure.E2, 0.90, 0.02, "analyse survey results and recommend changes"));
    }

    @Test
    void reason_names_the_driving_cues() {
        TaskCues.Hits h = TaskCues.find("compile the weekly report");
        String reason = AiRoleRule.decide(Exposure.E2, 0.8, 0.02, Capability.JUDGMENT, h).reason();
        assertTrue(reason.startsWith("routine information processing ('compile', 'report')"), reason);
    }

    @Test
    void end_to_end_clear_cases() {
        ModelClassifier c = SharedClassifier.get();
        Classification oneToOne = c.classify("1:1s with my team");
        assertEquals(AiRole.HUMAN, oneToOne.aiRole(), oneToOne.toString());
        Classification visit = c.classify("visit client sites");
        assertEquals(AiRole.HUMAN, visit.aiRole(), visit.toString());
        Classification emails = c.classify("answer customer emails");
        assertFalse(emails.aiRole() == AiRole.AUTOMATE, emails.toString());
        Classification notes = c.classify("type up handwritten notes");
        assertTrue(notes.aiRole() != AiRole.HUMAN, notes.toString());
    }
}
