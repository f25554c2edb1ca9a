# recpipe: build, install, test. The build itself is Maven; this file is the usual Unix front door.
#   make                       build the tool jars (mvn package, tests skipped)
#   make install PREFIX=DIR    put the launchers in DIR/bin and the jars in DIR/share/recpipe
#   make test                  run every test (the README's test command)

PREFIX ?= /usr/local
BINDIR = $(DESTDIR)$(PREFIX)/bin
JARDIR = $(DESTDIR)$(PREFIX)/share/recpipe
MODULES = reader summer writer fanout examples
LAUNCHERS = recpipe recpipe-cds reader summer writer fanout gencsv heavy runstats

.PHONY: all build install uninstall test clean

all: build

build:
	mvn -q -B -DskipTests package

install:
	@test -f reader/target/reader.jar || { echo "make: nothing built yet: run 'make' first" >&2; exit 1; }
	install -d '$(BINDIR)' '$(JARDIR)'
	install -m 755 $(addprefix bin/,$(LAUNCHERS)) '$(BINDIR)'
	for m in $(MODULES); do \
	  if [ -f $$m/target/$$m.jar ]; then install -m 644 $$m/target/$$m.jar '$(JARDIR)'; fi; \
	done
	# class-data-sharing archives for the installed jars (tied to their paths); skipped when staging
	if [ -z '$(DESTDIR)' ]; then '$(BINDIR)/recpipe-cds' || echo "make: no CDS archives; tools start slower" >&2; fi

uninstall:
	rm -f $(addprefix '$(BINDIR)'/,$(LAUNCHERS))
	rm -rf '$(JARDIR)'

test:
	mvn -B verify

clean:
	mvn -q -B clean
