package dev.recpipe.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * The Hadoop configuration a Spark context would have, made without starting one: Hadoop's files
 * ({@code core-site.xml} on the class path), then every {@code spark.hadoop.KEY} setting as
 * {@code KEY}. So the input and the output are checked before Spark's start-up of several seconds,
 * and a mistyped file name fails at once.
 */
final class HadoopConfigurations {
  private static final String PREFIX = "spark.hadoop.";

  private HadoopConfigurations() {}

  static Configuration of(SparkConf sparkConf) {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> setting : sparkConf.getAll()) {
      if (setting._1().startsWith(PREFIX)) conf.set(setting._1().substring(PREFIX.length()), setting._2());
    }
    return conf;
  }
}
