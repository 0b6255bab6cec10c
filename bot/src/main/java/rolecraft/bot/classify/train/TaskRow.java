package rolecraft.bot.classify.train;

/** One labelled O*NET task statement from the development file. */
record TaskRow(String soc, String occupation, String task, String taskType, int label, int gpt4Label) {
}
