package rolecraft.bot.understand;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeadInsTest {

    @Test
    void a_title_is_kept_without_the_words_people_put_around_it() {
        assertThat(LeadIns.title("um I'm a nurse I guess, ICU")).isEqualTo("nurse, ICU");
        assertThat(LeadIns.title("I work as an HVAC technician")).isEqualTo("HVAC technician");
        assertThat(LeadIns.title("my title is Senior Accountant lol")).isEqualTo("Senior Accountant");
        assertThat(LeadIns.title("im the store manager")).isEqualTo("store manager");
        assertThat(LeadIns.title("Technically, Operations Coordinator.")).isEqualTo("Operations Coordinator");
        assertThat(LeadIns.title("it's paralegal")).isEqualTo("paralegal");
    }

    @Test
    void a_title_that_only_looks_like_a_lead_in_stays_as_typed() {
        assertThat(LeadIns.title("ICU Nurse")).isEqualTo("ICU Nurse");
        assertThat(LeadIns.title("Well Site Geologist")).isEqualTo("Well Site Geologist");
        assertThat(LeadIns.title("Head of Sales, EMEA")).isEqualTo("Head of Sales, EMEA");
        assertThat(LeadIns.title("Thinking Skills Teacher")).isEqualTo("Thinking Skills Teacher");
        assertThat(LeadIns.title("Imaging technologist")).isEqualTo("Imaging technologist");
        assertThat(LeadIns.title("IT manager")).isEqualTo("IT manager");
        assertThat(LeadIns.title("So Chef")).isEqualTo("So Chef");
    }

    @Test
    void a_manager_is_named_without_my_manager_is() {
        assertThat(LeadIns.person("my manager is bob")).isEqualTo("bob");
        assertThat(LeadIns.person("ok it's dana.k")).isEqualTo("dana.k");
        assertThat(LeadIns.person("I report to sam")).isEqualTo("sam");
        assertThat(LeadIns.person("bob")).isEqualTo("bob");
        assertThat(LeadIns.person("manager: lee")).isEqualTo("lee");
        assertThat(LeadIns.person("ok fine its brenda")).isEqualTo("brenda");
    }

    @Test
    void an_answer_is_kept_without_its_chat_tail() {
        assertThat(LeadIns.answer("which restaurant fits which guest tbh")).isEqualTo("which restaurant fits which guest");
        assertThat(LeadIns.answer("cooking lol")).isEqualTo("cooking");
        assertThat(LeadIns.answer("Honestly, reading the smoke")).isEqualTo("reading the smoke");
        assertThat(LeadIns.answer("pet owners obv")).isEqualTo("pet owners");
        assertThat(LeadIns.answer("lol")).isEqualTo("lol");
        assertThat(LeadIns.answer("honestly the families")).isEqualTo("honestly the families");
    }
}
