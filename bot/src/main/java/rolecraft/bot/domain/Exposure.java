package rolecraft.bot.domain;

/** How much an LLM could cut a task's time, on the E0/E1/E2 exposure rubric. */
public enum Exposure {
    E0, E1, E2
}
