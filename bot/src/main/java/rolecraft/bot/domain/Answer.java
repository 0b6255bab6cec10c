package rolecraft.bot.domain;

/** An employee's answer to one question; {@code text} is null when they skipped it. */
public record Answer(Question question, String text) {

    public boolean skipped() {
        return text == null;
    }
}
