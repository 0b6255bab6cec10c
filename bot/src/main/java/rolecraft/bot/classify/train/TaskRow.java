package rolecraft.bot.classify.train;

/**
 * One labelled O*NET task statement: human exposure label, GPT-4's exposure label and GPT-4's automation level
 * (T0-T4 as 0-4; -1 when the file has none).
 */
record TaskRow(String soc, String occupation, String task, String taskType, int label, int gpt4Label, int automation) {
}
