using Weft.Support.Triage;

namespace Weft.Support.Tests.Triage;

public sealed class ClassifyingIntents
{
    private static readonly Lazy<IntentClassifier> Trained = new(() => IntentClassifier.Train(Examples.Synthetic));

    [Theory]
    [InlineData("please give me a refund for my order", "refund")]
    [InlineData("my parcel still has not arrived", "delivery")]
    [InlineData("I need to reset my password", "password")]
    public void The_classifier_learns_a_small_set_of_intents(string text, string intent)
    {
        var prediction = Trained.Value.Predict(text, threshold: 0);
        prediction.Intent.ShouldBe(intent);
        prediction.TopIntent.ShouldBe(intent);
        prediction.Confidence.ShouldBeInRange(1.0 / 3, 1.0);
    }

    [Fact]
    public void Below_the_threshold_the_answer_is_unknown_and_the_top_intent_is_still_told()
    {
        var sure = Trained.Value.Predict("please refund my order", threshold: 0);
        var unsure = Trained.Value.Predict("please refund my order", threshold: Math.Min(1, sure.Confidence + 0.01));

        unsure.Intent.ShouldBe(IntentClassifier.Unknown);
        unsure.IsUnknown.ShouldBeTrue();
        unsure.TopIntent.ShouldBe("refund");
        unsure.Confidence.ShouldBe(sure.Confidence);
    }

    [Fact]
    public void A_text_unlike_any_example_is_less_certain_than_one_like_them()
    {
        var like = Trained.Value.Predict("I forgot my password", threshold: 0);
        var unlike = Trained.Value.Predict("what is the weather on mars", threshold: 0);
        unlike.Confidence.ShouldBeLessThan(like.Confidence);
    }

    [Fact]
    public void A_model_saved_and_loaded_predicts_exactly_as_before()
    {
        var bytes = Trained.Value.Save();
        var loaded = IntentClassifier.Load(bytes);
        string[] texts = ["where is my package", "money back please", "cannot sign in", "hello there", "the weather is nice"];

        loaded.Intents.ShouldBe(Trained.Value.Intents);
        loaded.PredictMany(texts, 0.5).ShouldBe(Trained.Value.PredictMany(texts, 0.5));
        texts.Select(t => loaded.Predict(t, 0.5)).ShouldBe(texts.Select(t => Trained.Value.Predict(t, 0.5)));
    }

    [Fact]
    public void Training_twice_on_the_same_examples_gives_the_same_model()
    {
        var again = IntentClassifier.Train(Examples.Synthetic);
        string[] texts = ["where is my package", "money back please", "cannot sign in", "hello there"];
        again.PredictMany(texts, 0).ShouldBe(Trained.Value.PredictMany(texts, 0));
    }
}
